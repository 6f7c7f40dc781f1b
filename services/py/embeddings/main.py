"""Embeddings stand-in: a drop-in service (no descriptor) that runs with `python3 -m main`."""
import os
import time

dimensions = int(os.environ.get("EMBEDDING_DIM", "384"))
print(f"embedding service ready: {dimensions} dimensions, PYTHONPATH starts with {os.environ['PYTHONPATH'].split(':')[0]}")
while True:
    time.sleep(10)
    print("embedded 0 documents in the last 10s")
