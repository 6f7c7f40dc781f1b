"""Speech-to-text stand-in: a stdlib-only service that reports what it would transcribe."""
import os
import signal
import sys
import time

name = os.environ.get("ORCHESTRATOR_APP", "stt")


def stop(signum, frame):
    print(f"[{name}] stopping cleanly", file=sys.stderr)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
print(f"[{name}] listening for audio (pid {os.getpid()}, HEARTBEAT_PORT={os.environ.get('HEARTBEAT_PORT')})")
count = 0
while True:
    count += 1
    print(f"[{name}] transcribed chunk {count}")
    time.sleep(5)
