#!/bin/sh
# Chroma stand-in: a script that starts a server as its child.
echo "chroma for ${AGENT_NAME}: serving on ${VECTOR_DB_PORT}"
exec python3 -m http.server "${VECTOR_DB_PORT}" --bind 127.0.0.1
