package dev.orchestrator.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A hand-driven client: what an editor plugin without our CLI would do. Reads block (tests run under @Timeout). */
final class RawClient implements AutoCloseable {

    private final LineChannel lines;

    RawClient(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        lines = new LineChannel(channel, Integer.MAX_VALUE - 8);
    }

    RawClient send(String line) throws IOException {
        lines.writeLine(line);
        return this;
    }

    String read() throws IOException {
        return lines.readLine();
    }

    /** Every line until the server closes the connection. */
    List<String> readToEnd() throws IOException {
        List<String> all = new ArrayList<>();
        try {
            for (String line = read(); line != null; line = read()) {
                all.add(line);
            }
        } catch (IOException e) {
            // a reset after the server cut us off ends the stream too
        }
        return all;
    }

    /** Connects and exchanges hellos at protocol 1; returns after the server's hello. */
    static RawClient greeted(Path socket) throws IOException {
        RawClient c = new RawClient(socket);
        c.send("{\"schema\":1,\"type\":\"hello\",\"protocol\":1}");
        c.read();
        return c;
    }

    @Override
    public void close() {
        lines.close();
    }
}
