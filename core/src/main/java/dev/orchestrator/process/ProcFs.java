package dev.orchestrator.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code /proc}. Processes come and go while we read, so a file that vanished or cannot be read means "no such
 * process" rather than an error. A sweep reads every stat file once, so one sweep answers for many groups.
 */
public final class ProcFs {
    private static final Path PROC = Path.of("/proc");
    /** Room for a stat line: 52 fields and a 15-character name, usually 250-350 bytes. */
    private static final int STAT_BYTES = 1024;

    private ProcFs() {
    }

    public static Optional<ProcStat> stat(long pid) {
        try {
            return Optional.of(ProcStat.parse(read("/proc/" + pid + "/stat")));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A small /proc file as Latin-1 text, through a {@link FileInputStream} and one read: {@code Files.readString}
     * builds a channel, asks for the size (0 in /proc) and grows its buffer, which made a sweep of 66 processes cost
     * 5.3 ms in the interpreter, where the daemon's start-up report and the spawns run it.
     */
    private static String read(String path) throws IOException {
        try (FileInputStream in = new FileInputStream(path)) {
            byte[] buffer = new byte[STAT_BYTES];
            int n = in.readNBytes(buffer, 0, buffer.length);
            if (n == buffer.length) { // longer than any stat line seen: read the rest too
                return new String(buffer, StandardCharsets.ISO_8859_1) + new String(in.readAllBytes(),
                        StandardCharsets.ISO_8859_1);
            }
            return new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    /** Whether {@code pid} exists and is not a zombie. */
    public static boolean alive(long pid) {
        return stat(pid).map(ProcStat::alive).orElse(false);
    }

    /** Whether {@code pid} is alive and still the process that started at {@code startTicks} (not a reused pid). */
    public static boolean alive(long pid, long startTicks) {
        return stat(pid).filter(s -> s.alive() && s.startTicks() == startTicks).isPresent();
    }

    /** Every process now, in one pass over {@code /proc}. */
    public static List<ProcStat> sweep() {
        List<ProcStat> all = new ArrayList<>(512);
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(PROC)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    stat(Long.parseLong(name)).ifPresent(all::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading /proc failed: " + e.getMessage(), e);
        }
        return all;
    }

    /** Which of {@code pgids} still have a live (non-zombie) member, from one sweep. */
    public static Set<Integer> liveGroups(Collection<Integer> pgids) {
        Set<Integer> wanted = Set.copyOf(pgids);
        Set<Integer> live = new HashSet<>();
        for (ProcStat s : sweep()) {
            if (s.alive() && wanted.contains(s.pgrp())) {
                live.add(s.pgrp());
            }
        }
        return live;
    }

    /** Live members of group {@code pgid}. */
    public static List<ProcStat> liveMembers(int pgid) {
        return sweep().stream().filter(s -> s.alive() && s.pgrp() == pgid).toList();
    }

    /**
     * Live processes whose initial environment ({@code /proc/<pid>/environ}) holds exactly {@code entry}
     * (e.g. {@code ORCHESTRATOR_RUN=abc}), excluding this JVM. Finds reparented grandchildren that left the group.
     */
    public static List<ProcStat> withEnvironmentEntry(String entry) {
        byte[] needle = entry.getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<ProcStat> found = new ArrayList<>();
        for (ProcStat s : sweep()) {
            if (s.alive() && s.pid() != self && environHas(s.pid(), needle)) {
                found.add(s);
            }
        }
        return found;
    }

    /** The command line, arguments separated by spaces, or the comm name when unreadable. */
    public static String describe(ProcStat s) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Integer.toString(s.pid())).resolve("cmdline"));
            String cmd = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
            return cmd.isEmpty() ? s.comm() : cmd;
        } catch (IOException e) {
            return s.comm();
        }
    }

    private static boolean environHas(int pid, byte[] needle) {
        byte[] env;
        try {
            env = Files.readAllBytes(PROC.resolve(Integer.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false; // gone, or someone else's process
        }
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start == needle.length && java.util.Arrays.equals(env, start, i, needle, 0, needle.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
