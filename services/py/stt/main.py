"""Speech-to-text stand-in: a stdlib-only service that reports what it would transcribe."""
import os
import signal
import sys
import time

running = True


def stop(signum, frame):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
name = os.environ.get("ORCHESTRATOR_APP", "stt")
print(f"[{name}] listening for audio (pid {os.getpid()}, HEARTBEAT_PORT={os.environ.get('HEARTBEAT_PORT')})")
count = 0
while running:
    count += 1
    print(f"[{name}] transcribed chunk {count}")
    time.sleep(5)
print(f"[{name}] stopping cleanly", file=sys.stderr)
