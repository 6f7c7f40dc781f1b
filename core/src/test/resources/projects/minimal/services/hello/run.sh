#!/bin/sh
echo hello from $ORCHESTRATOR_APP
exec sleep 1000
