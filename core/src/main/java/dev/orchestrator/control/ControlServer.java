package dev.orchestrator.control;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control socket of a running orchestrator. One platform thread accepts; each client is served by virtual threads
 * (socket channels park them without pinning a carrier). The caller holds the project's instance lock before
 * {@link #start}, so any socket file already there is stale and is replaced.
 */
public final class ControlServer implements AutoCloseable {

    /**
     * @param queueLimit messages (responses and events) that may wait for one client before it is dropped
     * @param dropGrace  how long a dropped client has to take its final error line before it is cut off
     */
    public record Options(int queueLimit, Duration dropGrace) {
        public static final Options DEFAULT = new Options(1024, Duration.ofSeconds(2));

        public Options {
            if (queueLimit < 2) {
                throw new IllegalArgumentException("queueLimit must be >= 2, was " + queueLimit);
            }
        }
    }

    private final SocketLocation location;
    private final ServerSocketChannel server;
    private final Object socketKey;
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger clients = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlServer(SocketLocation location, ServerSocketChannel server, Object socketKey, ControlTarget target,
            String version, Options options) {
        this.location = location;
        this.server = server;
        this.socketKey = socketKey;
        this.acceptor = Thread.ofPlatform().name("control-accept").daemon().unstarted(
                () -> acceptLoop(target, version, options));
    }

    /** Binds the socket for {@code location} (see {@link SocketLocation#forServer}) and starts accepting. */
    public static ControlServer start(SocketLocation location, ControlTarget target, String version)
            throws IOException {
        return start(location, target, version, Options.DEFAULT);
    }

    public static ControlServer start(SocketLocation location, ControlTarget target, String version, Options options)
            throws IOException {
        ServerSocketChannel channel = SocketFiles.bind(location);
        Object key = SocketFiles.key(location.socket());
        ControlServer server = new ControlServer(location, channel, key, target, version, options);
        server.acceptor.start();
        return server;
    }

    public SocketLocation location() {
        return location;
    }

    /** How many clients are connected now. */
    public int clientCount() {
        return sessions.size();
    }

    private void acceptLoop(ControlTarget target, String version, Options options) {
        while (!closed) {
            try {
                SocketChannel channel = server.accept();
                ClientSession session = new ClientSession(clients.incrementAndGet(), channel, target, version,
                        options, sessions::remove);
                sessions.add(session);
                if (closed) {
                    session.close();
                } else {
                    session.start();
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // accept failures (out of file descriptors) are transient: keep serving the clients we have
                sleepQuietly(Duration.ofMillis(100));
            }
        }
    }

    /**
     * Stops accepting, lets each client take what was already queued for it (answers to {@code down} included) for up
     * to a second, closes every connection and removes the socket file and its pointer.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing left to do for a listening socket that does not close
        }
        List<ClientSession> open = List.copyOf(sessions);
        open.forEach(s -> s.end(null));
        Instant deadline = Instant.now().plusSeconds(1);
        for (ClientSession s : open) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (!left.isNegative()) {
                s.awaitWriter(left);
            }
            s.close();
        }
        SocketFiles.remove(location, socketKey);
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
