"""Benchmark child, copied unchanged into every service folder and run the same way by every supervisor.

  child.py sleep    MARKERS NAME       write the marker (the time this code started), then sleep
  child.py stubborn MARKERS NAME       ignore SIGTERM, SIGINT and SIGHUP, write the marker, sleep (needs SIGKILL)
  child.py flood    MARKERS NAME N     build N numbered lines of 100 bytes, write the marker, wait for the file
                                       MARKERS/go (polled every ms: all writers start together, none of them
                                       still building its lines), write the lines to stdout as fast as os.write
                                       takes them (8000-byte writes, whole lines), then sleep

The marker is MARKERS/NAME.PID holding time.time_ns(), renamed into place so a reader never sees it half written.
Flood children sleep after writing so that no supervisor restarts them (a restart would write the lines twice).
"""
import os, sys, time  # noqa: E401  (the marker is taken right after the interpreter reaches this file)

T0 = time.time_ns()


def lines(name, start, count):
    """Lines start..start+count-1 of app `name`: b"<name> <9-digit seq> xxx...x\\n", 100 bytes each."""
    head = name.encode()
    pad = b"x" * (99 - len(head) - 11)
    return b"".join(b"%s %09d %s\n" % (head, i, pad) for i in range(start, start + count))


def marker(markers, name, t):
    path = "%s/%s.%d" % (markers, name, os.getpid())
    with open(path + ".tmp", "w") as f:
        f.write(str(t))
    os.rename(path + ".tmp", path)


def main():
    mode, markers, name = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode == "stubborn":
        import signal
        for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(s, signal.SIG_IGN)
    if mode == "flood":
        data = lines(name, 0, int(sys.argv[4]))
        marker(markers, name, time.time_ns())
        go = os.path.join(markers, "go")
        while not os.path.exists(go):
            time.sleep(0.001)
        view, off = memoryview(data), 0
        while off < len(data):
            off += os.write(1, view[off:off + 8000])
    else:
        marker(markers, name, T0)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
