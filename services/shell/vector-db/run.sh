#!/bin/sh
# A vector-database stand-in started by a script, like scripts/run_chroma.sh: the real server is a child of this
# shell, so only a group stop catches both.
echo "vector-db: starting on port ${VECTOR_DB_PORT:-8000}"
python3 -m http.server "${VECTOR_DB_PORT:-8000}" --bind 127.0.0.1 &
wait
