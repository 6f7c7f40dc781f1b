package dev.orchestrator.cli;

import java.io.PrintWriter;
import java.util.OptionalInt;

/**
 * The jar's entry point: the common command lines go through {@link QuickCli}, which loads no parser; everything
 * else (help, usage errors, the rarer verbs) through picocli in {@link Main}. Both give the same output and exit code.
 */
public final class Entry {

    private Entry() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns the exit code (tests call this directly). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        OptionalInt quick = QuickCli.run(args, out, err);
        return quick.isPresent() ? quick.getAsInt() : Main.run(args, out, err);
    }

    /** This build's version, as {@code --version} and the control protocol's hello say it. */
    static String version() {
        String v = Entry.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The {@code --version} line. */
    static String versionLine() {
        return "orchestrator " + version() + " (Java " + Runtime.version() + ")";
    }
}
