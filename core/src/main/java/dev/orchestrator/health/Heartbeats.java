package dev.orchestrator.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last heartbeat of every running child, and which children are tracked. A child is tracked from its start when
 * its app declares {@code heartbeat:}, otherwise from its first heartbeat; each start begins afresh. Silence longer
 * than the timeout makes it {@linkplain #overdue overdue} once. Heartbeats can only keep an app alive: a beat never
 * stops anything.
 *
 * <p>Thread-safe: the map is concurrent and each track's fields are guarded by the track itself (memory only);
 * matching a pid reads {@code /proc} with no lock held.
 */
final class Heartbeats {

    /** What a heartbeat was answered. */
    sealed interface Result {
        /** Recorded for instance {@code instance} of app {@code name}. */
        record Ok(String name, int instance) implements Result {
        }

        /** The pid is not a process of any app we run. */
        record UnknownPid(String reason) implements Result {
        }

        /** The pid belongs to app {@code owner}, not to the name sent. */
        record WrongApp(String reason) implements Result {
        }
    }

    /** One row of {@code GET /heartbeats}. {@code last} and {@code lastPid} are null before the first beat. */
    record Row(String name, int instance, int pid, boolean tracked, Instant last, Integer lastPid, Duration timeout) {
    }

    /** A tracked child silent for longer than its timeout. */
    record Overdue(String name, int instance, int pid, Duration timeout) {
    }

    private static final class Track {
        final String name;
        final int instance;
        final int pid;
        final Duration timeout;
        boolean tracked;
        Instant last;
        Instant silentSince;
        Integer lastPid;
        boolean fired;

        Track(String name, int instance, int pid, Duration timeout) {
            this.name = name;
            this.instance = instance;
            this.pid = pid;
            this.timeout = timeout;
        }
    }

    private final Clock clock;
    private final Runnable onTracked;
    private final Map<Integer, Track> byPid = new ConcurrentHashMap<>();

    /** @param onTracked told (without a lock held) each time a child becomes tracked, to start the timeout checks */
    Heartbeats(Clock clock, Runnable onTracked) {
        this.clock = clock;
        this.onTracked = onTracked;
    }

    /** A child started: a fresh track, counting from now when the app declares {@code heartbeat:}. */
    void started(LiveProcess p, boolean declared, Duration timeout) {
        Track t = new Track(p.name(), p.instance(), p.pid(), timeout);
        t.tracked = declared;
        t.silentSince = clock.instant();
        byPid.put(p.pid(), t);
        if (declared) {
            onTracked.run();
        }
    }

    /** The child exited or stopped: forget it. */
    void ended(int pid) {
        byPid.remove(pid);
    }

    /** Records a heartbeat from {@code pid} claiming to be app {@code name}. */
    Result beat(int pid, String name) {
        Optional<Integer> group = ProcessOwners.groupOf(pid, byPid.keySet());
        Track t = group.map(byPid::get).orElse(null);
        if (t == null) {
            return new Result.UnknownPid("pid " + pid + " is not a process of any app this orchestrator runs; send "
                    + "the pid of the app's own process (os.getpid(), process.pid, $$)");
        }
        if (!t.name.equals(name)) {
            return new Result.WrongApp("pid " + pid + " belongs to app '" + t.name + "', not '" + name + "'; send "
                    + "the app's own name (PM2_PROCESS_NAME)");
        }
        boolean first;
        synchronized (t) {
            first = !t.tracked;
            t.tracked = true;
            t.last = clock.instant();
            t.silentSince = t.last;
            t.lastPid = pid;
        }
        if (first) {
            onTracked.run();
        }
        return new Result.Ok(t.name, t.instance);
    }

    /** Tracked children silent for longer than their timeout, each reported once per run. */
    List<Overdue> overdue() {
        Instant now = clock.instant();
        List<Overdue> out = new ArrayList<>();
        for (Track t : byPid.values()) {
            synchronized (t) {
                if (t.tracked && !t.fired && Duration.between(t.silentSince, now).compareTo(t.timeout) > 0) {
                    t.fired = true;
                    out.add(new Overdue(t.name, t.instance, t.pid, t.timeout));
                }
            }
        }
        return out;
    }

    /** Whether some child is tracked and not yet reported overdue: only then do timeouts need checking. */
    boolean watching() {
        for (Track t : byPid.values()) {
            synchronized (t) {
                if (t.tracked && !t.fired) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every running child we know, by app name then instance. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        Map<Integer, Track> copy = new HashMap<>(byPid);
        for (Track t : copy.values()) {
            synchronized (t) {
                rows.add(new Row(t.name, t.instance, t.pid, t.tracked, t.last, t.lastPid, t.timeout));
            }
        }
        rows.sort(Comparator.comparing(Row::name).thenComparing(Row::instance));
        return rows;
    }
}
