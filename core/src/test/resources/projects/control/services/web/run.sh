#!/bin/sh
echo "web $NODE_APP_INSTANCE up"
while true; do sleep 1; done
