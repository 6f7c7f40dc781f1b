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
        // Field starts after the name, found with indexOf rather than split(): a sweep parses every process's line,
        // in the interpreter at start-up. f[0] is field 3 of proc(5): state; ppid 4, pgrp 5, session 6, utime 14,
        // stime 15, starttime 22, rss 24.
        int[] f = new int[22];
        int space = close + 1;
        for (int k = 0; k < f.length; k++, space++) {
            space = text.indexOf(' ', space);
            if (space < 0 || space + 1 == text.length()) {
                throw new IllegalArgumentException("short /proc stat line for pid " + pid + ": " + text);
            }
            f[k] = space + 1;
        }
        return new ProcStat(pid, comm, text.charAt(f[0]), (int) number(text, f[1]), (int) number(text, f[2]),
                (int) number(text, f[3]), number(text, f[11]) + number(text, f[12]), number(text, f[19]),
                number(text, f[21]));
    }

    /** The decimal number (perhaps negative) starting at {@code from} and ending at a space or the line's end. */
    private static long number(String text, int from) {
        int to = from;
        while (to < text.length() && text.charAt(to) != ' ' && text.charAt(to) != '\n') {
            to++;
        }
        return Long.parseLong(text, from, to, 10);
    }
}
