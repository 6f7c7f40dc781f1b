#!/bin/sh
# Reproduces the supervision issue's three measurements (crash restart, a million log lines, stopping 100 apps).
# Builds the shaded jar and the test classes (the fixture children), then runs dev.orchestrator.testing.Bench.
set -eu
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
mvn -B -o -q -pl core -am package -DskipTests >&2
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp core/target/orchestrator.jar:core/target/test-classes dev.orchestrator.testing.Bench
