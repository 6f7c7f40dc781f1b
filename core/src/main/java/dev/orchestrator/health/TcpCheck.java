package dev.orchestrator.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** {@code tcp: <port>} or {@code tcp: <host>:<port>}: a connection is accepted (host defaults to 127.0.0.1). */
final class TcpCheck implements Check {

    private final String host;
    private final int port;

    TcpCheck(String target) {
        int colon = target.lastIndexOf(':');
        this.host = colon < 0 ? "127.0.0.1" : target.substring(0, colon);
        this.port = Integer.parseInt(target.substring(colon + 1).trim());
    }

    @Override
    public Outcome run(Duration timeout) {
        String where = host + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return Outcome.pass("connected to " + where);
        } catch (SocketTimeoutException e) {
            return Outcome.fail("connecting to " + where + " timed out after " + Texts.duration(timeout));
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.fail("connecting to " + where + " failed: " + Check.describe(e));
        }
    }
}
