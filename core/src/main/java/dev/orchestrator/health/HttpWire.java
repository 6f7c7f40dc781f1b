package dev.orchestrator.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The HTTP/1.1 the heartbeat endpoint speaks, read and written on a plain socket: request line and headers, bodies
 * by {@code Content-Length} or chunked, {@code Expect: 100-continue}, persistent connections (HTTP/1.1 unless
 * {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive}); answers with a JSON body, its length
 * and the date. {@code Upgrade} (the JDK client's h2c offer) is ignored, as the JDK's server ignores it.
 */
final class HttpWire {

    /** One request. {@code body} holds at most {@code maxBody + 1} bytes (more means too large); the rest is read. */
    record Request(String method, String path, byte[] body, boolean keepAlive) {
    }

    /** A request this endpoint cannot read: answered 400 (when {@code answer}), then the connection closes. */
    static final class BadRequest extends IOException {
        private static final long serialVersionUID = 1L;
        final boolean answer;

        BadRequest(String message, boolean answer) {
            super(message, null);
            this.answer = answer;
        }
    }

    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;
    /** Body bytes read past the kept ones before the connection is dropped instead. */
    private static final long MAX_DISCARD = 1 << 20;
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private HttpWire() {
    }

    /** The next request on a connection, or null when the client closed it between requests. */
    static Request read(InputStream in, OutputStream out, int maxBody) throws IOException {
        String line;
        do {
            line = line(in, true);
            if (line == null) {
                return null;
            }
        } while (line.isEmpty()); // RFC 9112 2.2: empty lines before a request line are ignored
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[1].startsWith("/")
                || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest("bad request line", true);
        }
        long length = 0;
        boolean chunked = false;
        boolean expect = false;
        String connection = "";
        for (int n = 0; ; n++) {
            String header = line(in, false);
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            if (colon <= 0 || n == MAX_HEADERS) {
                throw new BadRequest("bad header", true);
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = length(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                case "expect" -> expect = value.equalsIgnoreCase("100-continue");
                case "connection" -> connection = value.toLowerCase(Locale.ROOT);
                default -> { }
            }
        }
        boolean http10 = parts[2].equals("HTTP/1.0");
        boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
        if (expect && !http10 && (chunked || length > 0)) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        Body body = new Body(maxBody);
        if (chunked) {
            chunks(in, body);
        } else {
            body.copy(in, length);
        }
        String target = parts[1];
        int query = target.indexOf('?');
        return new Request(parts[0], query < 0 ? target : target.substring(0, query), body.bytes(), keepAlive);
    }

    /** Writes an answer with a JSON body (none for HEAD), closing the connection afterwards when not keepAlive. */
    static void write(OutputStream out, String method, int status, String json, String allow, boolean keepAlive)
            throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(160).append("HTTP/1.1 ").append(status).append(' ')
                .append(reason(status)).append("\r\nDate: ").append(date(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        if (allow != null) {
            head.append("Allow: ").append(allow).append("\r\n");
        }
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        if (!method.equals("HEAD")) {
            out.write(body);
        }
        out.flush();
    }

    /** An IMF-fixdate (RFC 9110 5.6.7), without the locale data a pattern formatter loads. */
    static String date(ZonedDateTime utc) {
        StringBuilder s = new StringBuilder(29).append(DAYS[utc.getDayOfWeek().ordinal()]).append(", ");
        two(s, utc.getDayOfMonth()).append(' ').append(MONTHS[utc.getMonthValue() - 1]).append(' ')
                .append(utc.getYear()).append(' ');
        two(s, utc.getHour()).append(':');
        two(s, utc.getMinute()).append(':');
        return two(s, utc.getSecond()).append(" GMT").toString();
    }

    private static StringBuilder two(StringBuilder s, int n) {
        return s.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            default -> "Status";
        };
    }

    private static long length(String value) throws BadRequest {
        try {
            long n = Long.parseLong(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("bad Content-Length", true);
    }

    private static void chunks(InputStream in, Body body) throws IOException {
        while (true) {
            String size = line(in, false);
            int ext = size.indexOf(';');
            long n;
            try {
                n = Long.parseLong((ext < 0 ? size : size.substring(0, ext)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new BadRequest("bad chunk size", true);
            }
            if (n < 0) {
                throw new BadRequest("bad chunk size", true);
            }
            if (n == 0) {
                while (!line(in, false).isEmpty()) {
                    // trailers are ignored
                }
                return;
            }
            body.copy(in, n);
            if (!line(in, false).isEmpty()) {
                throw new BadRequest("bad chunk end", true);
            }
        }
    }

    /** A line without its CR LF; null at end of stream before its first byte when {@code eofOk}. */
    private static String line(InputStream in, boolean eofOk) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (eofOk && line.size() == 0) {
                    return null;
                }
                throw new BadRequest("connection closed inside a request", false);
            }
            if (line.size() == MAX_LINE) {
                throw new BadRequest("line too long", true);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** The body: keeps up to {@code max + 1} bytes, reads and drops the rest up to {@code MAX_DISCARD}. */
    private static final class Body {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream(128);
        private final int max;
        private long dropped;

        Body(int max) {
            this.max = max;
        }

        void copy(InputStream in, long n) throws IOException {
            int keep = (int) Math.min(n, max + 1L - kept.size());
            byte[] bytes = in.readNBytes(keep);
            kept.write(bytes);
            long rest = n - keep;
            dropped += rest;
            if (bytes.length < keep || dropped > MAX_DISCARD) {
                throw new BadRequest("body cut short or too large", false);
            }
            in.skipNBytes(rest); // EOFException when cut short: the connection closes
        }

        byte[] bytes() {
            return kept.toByteArray();
        }
    }
}
