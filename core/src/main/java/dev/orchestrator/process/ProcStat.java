package dev.orchestrator.process;

/**
 * One line of {@code /proc/<pid>/stat}, the fields we use.
 *
 * @param pid        process id
 * @param comm       executable name (at most 15 characters, as the kernel keeps it)
 * @param state      state letter: R running, S sleeping, D disk sleep, Z zombie, T stopped, X dead...
 * @param ppid       parent pid
 * @param pgrp       process group id
 * @param session    session id
 * @param cpuTicks   user + system time in clock ticks
 * @param startTicks start time in clock ticks after boot: with the pid, it identifies a process across pid reuse
 * @param rssPages   resident set size in pages
 */
public record ProcStat(
        int pid, String comm, char state, int ppid, int pgrp, int session, long cpuTicks, long startTicks,
        long rssPages) {

    /** Zombies ('Z') and dead ('X') processes count as gone: they run nothing and hold no port. */
    public boolean alive() {
        return state != 'Z' && state != 'X';
    }

    public long rssBytes() {
        return rssPages * Posix.pageSize();
    }

    /**
     * Parses the text of {@code /proc/<pid>/stat}. The command name sits in parentheses and may itself contain spaces
     * and parentheses, so fields are counted from the last ')'.
     *
     * @throws IllegalArgumentException when the text is not a stat line
     */
    public static ProcStat parse(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("not a /proc stat line: " + text);
        }
        int pid = Integer.parseInt(text.substring(0, open).strip());
        String comm = text.substring(open + 1, close);
        String[] f = text.substring(close + 2).strip().split(" ");
        if (f.length < 22) {
            throw new IllegalArgumentException("short /proc stat line for pid " + pid + ": " + text);
        }
        // f[0] is field 3 of proc(5): state; pgrp is field 5, utime 14, stime 15, starttime 22, rss 24.
        return new ProcStat(pid, comm, f[0].charAt(0), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                Integer.parseInt(f[3]), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[19]),
                Long.parseLong(f[21]));
    }
}
