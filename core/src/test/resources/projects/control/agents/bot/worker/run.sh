#!/bin/sh
echo "worker $ORCHESTRATOR_APP for $AGENT_NAME"
exec sleep 1000
