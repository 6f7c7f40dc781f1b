package dev.orchestrator.cli;

import dev.orchestrator.control.ProcessRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code ls} table for people: one row per process, columns as wide as their widest cell. */
final class LsTable {

    private static final List<String> HEADER = List.of("NAME", "NAMESPACE", "RUNTIME", "STATUS", "PID", "UPTIME",
            "RESTARTS", "CPU", "MEM", "LAST EXIT");

    private LsTable() {
    }

    static List<String> lines(List<ProcessRow> rows, Instant now) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADER);
        for (ProcessRow r : rows) {
            boolean single = rows.stream().filter(o -> o.name().equals(r.name())).count() == 1 && r.instance() == 0;
            cells.add(List.of(single ? r.name() : r.name() + ":" + r.instance(), r.namespace(), r.runtime(),
                    r.status().wireName(), r.pid().isPresent() ? Long.toString(r.pid().getAsLong()) : "-",
                    r.uptimeMs() > 0 ? duration(Duration.ofMillis(r.uptimeMs())) : "-",
                    Integer.toString(r.restarts()), r.pid().isPresent() ? cpu(r.cpuPercent()) : "-",
                    r.pid().isPresent() ? bytes(r.memoryBytes()) : "-", lastExit(r.lastExit(), now)));
        }
        int[] widths = new int[HEADER.size()];
        cells.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (List<String> row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        if (rows.isEmpty()) {
            lines.add("(no apps: the orchestrator runs nothing; check 'orchestrator config')");
        }
        return lines;
    }

    /** {@code 45s}, {@code 3m12s}, {@code 2h5m}, {@code 4d3h}: two units at most, like ps and PM2. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        if (s < 86_400) {
            return (s / 3600) + "h" + (s % 3600 / 60) + "m";
        }
        return (s / 86_400) + "d" + (s % 86_400 / 3600) + "h";
    }

    static String cpu(double percent) {
        return oneDecimal(percent) + "%";
    }

    /** Binary units, one decimal: {@code 512B}, {@code 1.5K}, {@code 50.0M}, {@code 1.2G}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + "B";
        }
        String[] units = {"K", "M", "G", "T"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return oneDecimal(v) + units[u];
    }

    /**
     * {@code value} with one decimal, as {@code String.format("%.1f")} writes it: its shortest decimal form rounded
     * half up. Without {@link java.util.Formatter}, whose first use (parsing the pattern, the locale's symbols) cost
     * the daemon's start-up report and every short {@code ls} a few ms, interpreted.
     */
    static String oneDecimal(double value) {
        if (!(value >= 0 && value < 1e7)) {
            return String.format(Locale.ROOT, "%.1f", value); // negative, huge or NaN: not a table value
        }
        String text = Double.toString(value); // "1.15", "3.0", or "1.0E-4" below 10^-3
        if (text.indexOf('E') >= 0) {
            return "0.0";
        }
        int dot = text.indexOf('.');
        long whole = Long.parseLong(text, 0, dot, 10);
        int tenths = text.charAt(dot + 1) - '0';
        if (dot + 2 < text.length() && text.charAt(dot + 2) >= '5' && ++tenths == 10) {
            tenths = 0;
            whole++;
        }
        return whole + "." + tenths;
    }

    static String lastExit(ProcessRow.LastExit exit, Instant now) {
        if (exit.isNone()) {
            return "-";
        }
        String how = exit.code() != null ? "code " + exit.code() : exit.signal() != null ? exit.signal() : "?";
        if (exit.at() == null) {
            return how;
        }
        Duration ago = Duration.between(exit.at(), now);
        return how + ", " + (ago.isNegative() ? "0s" : duration(ago)) + " ago";
    }
}
