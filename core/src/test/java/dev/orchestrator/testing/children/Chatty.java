package dev.orchestrator.testing.children;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes args[0] lines of exactly args[1] bytes (newline included) to stdout as fast as it can: line i is its number
 * in 9 digits, a space, then 'x' up to the size. Optional args[2] "err" writes to stderr instead.
 */
public final class Chatty {
    public static void main(String[] args) throws IOException {
        long lines = Long.parseLong(args[0]);
        int size = Integer.parseInt(args[1]);
        boolean toErr = args.length > 2 && args[2].equals("err");
        try (OutputStream out = new BufferedOutputStream(
                new FileOutputStream(toErr ? FileDescriptor.err : FileDescriptor.out), 1 << 16)) {
            byte[] line = new byte[size];
            java.util.Arrays.fill(line, (byte) 'x');
            line[size - 1] = '\n';
            for (long i = 0; i < lines; i++) {
                line(line, i);
                out.write(line);
            }
        }
    }

    /** Writes the 9-digit number and a space at the start of {@code line}. */
    static void line(byte[] line, long i) {
        long n = i;
        for (int d = 8; d >= 0; d--) {
            line[d] = (byte) ('0' + n % 10);
            n /= 10;
        }
        line[9] = ' ';
    }
}
