package dev.orchestrator.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code log: <regex>}: a line this run wrote to stdout or stderr contains a match (like grep). Reads the log files
 * from where the run's output began (recorded before the spawn), so a line printed in the first instant counts and
 * an older run's lines never do. A file that was replaced (another inode) or shrank was rotated: reading starts over
 * at the beginning of the new one.
 */
final class LogCheck implements Check {
    private static final int MAX_LINE = 64 * 1024;

    private final Pattern pattern;
    private final List<Tail> tails = new ArrayList<>();

    LogCheck(String regex, LiveProcess p) {
        this.pattern = Pattern.compile(regex);
        var out = p.output();
        Path outFile = out.out() != null ? out.out()
                : p.spec().logs().outFile(p.instance(), p.spec().instances()).toAbsolutePath().normalize();
        Path errFile = out.err() != null ? out.err()
                : p.spec().logs().errFile(p.instance(), p.spec().instances()).toAbsolutePath().normalize();
        tails.add(new Tail(outFile, out.out() != null ? out.outFrom() : -1));
        if (!errFile.equals(outFile)) {
            tails.add(new Tail(errFile, out.err() != null ? out.errFrom() : -1));
        }
    }

    @Override
    // Not synchronized: the probe loop runs one try at a time, each handed over through the executors.
    public Outcome run(Duration timeout) {
        for (Tail tail : tails) {
            try {
                String line = tail.findNew(pattern);
                if (line != null) {
                    return Outcome.pass("log line matched /" + pattern + "/: " + line);
                }
            } catch (IOException e) {
                return Outcome.fail("reading " + tail.file + " failed: " + Check.describe(e));
            }
        }
        return Outcome.fail("no line of its output matched /" + pattern + "/ yet");
    }

    /** New bytes of one file since the last read, split into lines; an unfinished last line waits for its end. */
    private static final class Tail {
        final Path file;
        long offset; // -1: start at the current end (the run's start offset is unknown)
        Object fileKey; // the inode read last: another one means the file was rotated
        final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        Tail(Path file, long offset) {
            this.file = file;
            this.offset = offset;
        }

        String findNew(Pattern pattern) throws IOException {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = ch.size();
                boolean rotated = fileKey != null && key != null && !key.equals(fileKey);
                fileKey = key;
                if (offset < 0) {
                    offset = size;
                } else if (rotated || size < offset) {
                    offset = 0; // rotated: the new file holds only this run's output
                    partial.reset();
                }
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                while (offset < size) {
                    buf.clear();
                    int n = ch.read(buf, offset);
                    if (n <= 0) {
                        break;
                    }
                    offset += n;
                    for (int i = 0; i < n; i++) {
                        byte b = buf.get(i);
                        if (b == '\n') {
                            String line = partial.toString(StandardCharsets.UTF_8);
                            partial.reset();
                            if (pattern.matcher(line).find()) {
                                return line;
                            }
                        } else if (partial.size() < MAX_LINE) {
                            partial.write(b);
                        }
                    }
                }
            }
            String unfinished = partial.toString(StandardCharsets.UTF_8); // a prompt printed without a newline
            return !unfinished.isEmpty() && pattern.matcher(unfinished).find() ? unfinished : null;
        }
    }
}
