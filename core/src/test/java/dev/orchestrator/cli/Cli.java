package dev.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs one command line through {@link Entry#run} (quick path, else picocli); keeps the exit code and outputs. */
record Cli(int exit, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Entry.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(exit, out.toString(), err.toString());
    }

    /** stdout parsed as JSON, for {@code --json} verbs. */
    JsonNode json() throws java.io.IOException {
        return new ObjectMapper().readTree(out);
    }
}
