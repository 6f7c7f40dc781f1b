package dev.orchestrator.cli.logfiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads one {@link LogStream} across its rotated files for a {@link LogQuery}. With a limit, the files are read from
 * the newest backwards and only what the limit keeps is held; without one, lines are streamed oldest first.
 *
 * <p>{@code --since}: a file whose first line starts with a timestamp is filtered line by line (a line without one,
 * like a stack trace, goes with the timestamped line before it); a file without timestamps is judged by its
 * modification time as a whole, and is reported in {@link Result#judgedByMtime()}. A file last modified before
 * {@code since} holds nothing newer, and neither does any older file.
 */
public final class LogReader {

    /** The lines read (oldest first; empty when streamed) and the files {@code --since} judged by mtime. */
    public record Result(List<String> lines, List<Path> judgedByMtime) {
    }

    private final LogQuery query;

    public LogReader(LogQuery query) {
        this.query = query;
    }

    /** The last {@code limit} matching lines; the active file is read up to byte {@code activeEnd}. */
    public Result tail(LogStream stream, long activeEnd) throws IOException {
        int limit = query.limit().orElseThrow();
        Deque<List<String>> chunks = new ArrayDeque<>();
        List<Path> byMtime = new ArrayList<>();
        int remaining = limit;
        List<Path> files = stream.files();
        for (int i = files.size() - 1; i >= 0 && remaining > 0; i--) {
            Path file = files.get(i);
            Optional<Boolean> stamped = judge(file, byMtime);
            if (stamped.isEmpty()) {
                break;
            }
            long end = file.equals(stream.active()) ? activeEnd : Long.MAX_VALUE;
            Chunk chunk = file.getFileName().toString().endsWith(".gz")
                    ? forwardTail(file, remaining, stamped.get())
                    : backwardTail(file, end, remaining, stamped.get());
            chunks.addFirst(chunk.lines);
            remaining -= chunk.lines.size();
            if (chunk.reachedOlder) {
                break;
            }
        }
        List<String> lines = new ArrayList<>();
        chunks.forEach(lines::addAll);
        return new Result(lines, byMtime);
    }

    /** Every matching line, oldest first, to {@code sink}; the active file is read up to byte {@code activeEnd}. */
    public Result stream(LogStream stream, long activeEnd, Consumer<String> sink) throws IOException {
        List<Path> byMtime = new ArrayList<>();
        Instant current = null;
        for (Path file : stream.files()) {
            Optional<Boolean> stamped = judge(file, byMtime);
            if (stamped.isEmpty()) {
                continue;
            }
            long end = file.equals(stream.active()) ? activeEnd : Long.MAX_VALUE;
            try (ForwardLines lines = new ForwardLines(file, end)) {
                for (String line = lines.next(); line != null; line = lines.next()) {
                    if (stamped.get()) {
                        current = Timestamps.leading(line, query.zone()).orElse(current);
                        if (query.older(current)) {
                            continue;
                        }
                    }
                    if (query.matches(line)) {
                        sink.accept(line);
                    }
                }
            }
        }
        return new Result(List.of(), byMtime);
    }

    /**
     * Empty when the file is older than {@code --since} as a whole; else whether its lines are filtered by their
     * timestamps (true) or all taken (false, recorded in {@code byMtime} when {@code --since} was given).
     */
    private Optional<Boolean> judge(Path file, List<Path> byMtime) throws IOException {
        if (query.since().isEmpty()) {
            return Optional.of(false);
        }
        if (Files.getLastModifiedTime(file).toInstant().isBefore(query.since().get())) {
            return Optional.empty();
        }
        boolean stamped = ForwardLines.startsWithTimestamp(file, query.zone());
        if (!stamped) {
            byMtime.add(file);
        }
        return Optional.of(stamped);
    }

    private record Chunk(List<String> lines, boolean reachedOlder) {
    }

    private Chunk backwardTail(Path file, long end, int remaining, boolean stamped) throws IOException {
        List<String> got = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        try (ReverseLines lines = new ReverseLines(file, end)) {
            for (String line = lines.previous(); line != null; line = lines.previous()) {
                if (stamped) {
                    Optional<Instant> at = Timestamps.leading(line, query.zone());
                    if (at.isEmpty()) {
                        if (query.matches(line) && got.size() + pending.size() < remaining) {
                            pending.add(line);
                        }
                        continue;
                    }
                    if (query.older(at.get())) {
                        return new Chunk(got.reversed(), true);
                    }
                    got.addAll(pending);
                    pending.clear();
                }
                if (got.size() < remaining && query.matches(line)) {
                    got.add(line);
                }
                if (got.size() >= remaining) {
                    break;
                }
            }
        }
        got.addAll(pending);
        return new Chunk(got.reversed(), false);
    }

    private Chunk forwardTail(Path file, int remaining, boolean stamped) throws IOException {
        ArrayDeque<String> ring = new ArrayDeque<>();
        boolean older = false;
        Instant current = null;
        try (ForwardLines lines = ForwardLines.of(file)) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (stamped) {
                    current = Timestamps.leading(line, query.zone()).orElse(current);
                    if (query.older(current)) {
                        older = true;
                        continue;
                    }
                }
                if (query.matches(line)) {
                    ring.addLast(line);
                    if (ring.size() > remaining) {
                        ring.removeFirst();
                    }
                }
            }
        }
        return new Chunk(List.copyOf(ring), older);
    }
}
