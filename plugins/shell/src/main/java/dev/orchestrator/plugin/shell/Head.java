package dev.orchestrator.plugin.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The first line of a script: its shebang, or the ELF magic of a binary. The kernel execs only those two; a text file
 * without {@code #!} is run with {@code /bin/sh} explicitly rather than trusting a fallback the plan would not show.
 *
 * @param shebang the {@code #!} line, or "" when there is none
 * @param binary  whether the file is an ELF executable
 */
record Head(String shebang, boolean binary) {

    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

    /** Reads at most 256 bytes; an unreadable file has no head (the host reports it at launch). */
    static Head of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(256);
            if (start.length >= 4 && Arrays.equals(Arrays.copyOf(start, 4), ELF)) {
                return new Head("", true);
            }
            String first = new String(start, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            return new Head(first.startsWith("#!") ? first.strip() : "", false);
        } catch (IOException e) {
            return new Head("", false);
        }
    }

    boolean execsItself() {
        return binary || !shebang.isEmpty();
    }

    /** A shebang naming something other than sh ({@code #!/bin/bash}): /bin/sh may not understand the script. */
    boolean foreignShebang() {
        if (shebang.isEmpty()) {
            return false;
        }
        List<String> words = Arrays.asList(shebang.substring(2).strip().split("\\s+"));
        String program = words.getFirst().substring(words.getFirst().lastIndexOf('/') + 1);
        if (program.equals("env") && words.size() > 1) {
            program = words.get(1);
        }
        return !program.equals("sh");
    }
}
