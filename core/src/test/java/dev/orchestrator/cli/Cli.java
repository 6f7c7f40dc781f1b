package dev.orchestrator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs one command line through {@link Main#run} and keeps the exit code and both outputs. */
record Cli(int exit, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(exit, out.toString(), err.toString());
    }
}
