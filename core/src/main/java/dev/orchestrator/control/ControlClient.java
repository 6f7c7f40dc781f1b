package dev.orchestrator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The CLI's side of the control socket: connect, then one request at a time. Our hello goes out in one write with the
 * first request, without waiting for the server's (the protocol lets both sides send theirs at once), and the
 * server's hello is checked before the first answer is read: a short verb costs one round trip, not two. A refused
 * hello means the server never runs the request. A platform thread reads lines into a queue so every wait can have a
 * deadline. Not thread-safe: one caller.
 */
public final class ControlClient implements AutoCloseable {

    /** How long the orchestrator has to answer {@code ls} or {@code describe}. */
    public static final Duration QUICK = Duration.ofSeconds(30);

    /** How long the orchestrator has to say hello. */
    private static final Duration HELLO_WAIT = Duration.ofSeconds(10);

    private static final Object EOF = new Object();

    private final SocketLocation location;
    private final LineChannel lines;
    private final BlockingQueue<Object> incoming = new LinkedBlockingQueue<>();
    private final int protocol;
    /** Our hello until it is sent: it goes out in one write with the first request (see {@link #send}). */
    private String helloLine;
    /** The server's hello, once read and checked. */
    private ObjectNode serverHello;
    private long nextId = 1;

    private ControlClient(SocketLocation location, SocketChannel channel, int protocol, String helloLine) {
        this.location = location;
        this.lines = new LineChannel(channel, Integer.MAX_VALUE - 8);
        this.protocol = protocol;
        this.helloLine = helloLine;
        // A platform daemon thread: with a virtual reader blocked on the socket, JVM exit took ~300 ms longer here.
        Thread.ofPlatform().daemon().name("control-client-read").start(this::readLoop);
    }

    /**
     * Initializes the JDK's Unix-socket classes on a background thread, so that a short verb's main thread finds the
     * project and builds its request meanwhile: the first {@code SocketChannel.open(UNIX)} of a JVM costs 12-20 ms
     * here, most of it the {@code SecureRandom} that {@code sun.nio.ch.UnixDomainSockets} creates in its static
     * initializer (security properties, the SUN provider, /dev/random), none of which a client needs. Call it
     * first thing; {@link #connect} then waits only for what is left of that work.
     */
    public static void prepare() {
        Thread.ofPlatform().daemon().name("control-client-prepare").start(() -> {
            try {
                SocketChannel.open(StandardProtocolFamily.UNIX).close();
            } catch (IOException | RuntimeException ignored) {
                // connect() opens its own channel and reports what fails there
            }
        });
    }

    /** Connects to the orchestrator of {@code root}. */
    public static ControlClient connect(Path root, String version) throws ControlException {
        try {
            return connect(SocketLocation.forClient(root), version, Protocol.VERSION);
        } catch (IOException e) {
            throw new ControlException("cannot read the socket pointer in " + root.resolve(SocketLocation.STATE_DIR)
                    + ": " + e.getMessage() + "; remove .orchestrator/socket if no orchestrator runs");
        }
    }

    /** Connects to {@code location}, saying hello with {@code protocol} (tests pass another one). */
    public static ControlClient connect(SocketLocation location, String version, int protocol)
            throws ControlException {
        Path socket = location.socket();
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            throw notRunning(location, "no control socket at " + socket);
        }
        // Built before the socket is opened: the JSON writer's first use overlaps the socket set-up (see prepare).
        String hello = Protocol.line(Protocol.hello(version).put("protocol", protocol)
                .put("client", "orchestrator-cli"));
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new ControlException("cannot open a Unix socket: " + e.getMessage(), e);
        }
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (ConnectException e) {
            closeQuietly(channel);
            throw notRunning(location, "the socket " + socket + " is stale (connection refused)");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ControlException("cannot connect to the orchestrator at " + socket + ": " + e.getMessage()
                    + "; check that you own the project's .orchestrator folder", e);
        }
        try {
            return new ControlClient(location, channel, protocol, hello);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static ControlException notRunning(SocketLocation location, String why) {
        return new ControlException.NotRunning("no orchestrator is running for project '" + location.root() + "': "
                + why + "; start one with 'orchestrator up -d', or 'orchestrator up' in another terminal");
    }

    /** The orchestrator's version from its hello (sends ours and waits for it when no request was made yet). */
    public String serverVersion() throws ControlException {
        if (serverHello == null) {
            write("");
            awaitHello(take(HELLO_WAIT));
        }
        return serverHello.path("orchestrator").asText("?");
    }

    public List<ProcessRow> list() throws ControlException {
        return Codec.rows(call(request("ls"), QUICK).path("apps"));
    }

    /** The app's details, or the server's message (naming the apps that exist) when there is no such app. */
    public Described describe(String name) throws ControlException {
        ObjectNode reply = call(request("describe").put("name", name), QUICK);
        return reply.path("ok").asBoolean()
                ? new Described(Optional.of(Codec.details(reply.path("app"))), "")
                : new Described(Optional.empty(), reply.path("message").asText());
    }

    /** The answer to {@code describe}: the details, or the message saying why there are none. */
    public record Described(Optional<AppDetails> app, String message) {
    }

    public ActionResult start(String selector) throws ControlException {
        return Codec.action(call(request("start").put("selector", selector), null));
    }

    public ActionResult stop(String selector) throws ControlException {
        return Codec.action(call(request("stop").put("selector", selector), null));
    }

    public ActionResult restart(String selector) throws ControlException {
        return Codec.action(call(request("restart").put("selector", selector), null));
    }

    /** Runs {@code command} inside the orchestrator (op {@code cli}); waits as long as the command takes. */
    public CommandOutcome forward(ForwardedCommand command) throws ControlException {
        ObjectNode request = request("cli");
        command.argv().forEach(request.putArray("argv")::add);
        request.put("cwd", command.cwd().toString()).put("classpath", command.classpath());
        ObjectNode reply = call(request, null);
        return reply.path("ok").asBoolean()
                ? CommandOutcome.ran(reply.path("exit").asInt(), reply.path("stdout").asText(),
                        reply.path("stderr").asText())
                : CommandOutcome.declined(reply.path("message").asText());
    }

    public ActionResult reload() throws ControlException {
        return Codec.action(call(request("reload"), null));
    }

    /**
     * Asks the orchestrator to stop everything and exit; returns its message once it answered, or once the
     * connection closed (an orchestrator may exit before answering), and after waiting up to {@code exitWait} for it
     * to close the connection.
     */
    public String down(Duration exitWait) throws ControlException {
        try {
            writeWithHello(Protocol.line(request("down")));
        } catch (IOException e) {
            return "the orchestrator stopped"; // it closed the connection: it is exiting or gone
        }
        Object first = take(null);
        if (first != EOF && serverHello == null) {
            awaitHello(first);
            first = take(null);
        }
        if (first == EOF) {
            return "the orchestrator stopped";
        }
        ObjectNode reply = reply(first, "down");
        take(exitWait); // the orchestrator closes the connection as it exits
        return reply.path("message").asText("the orchestrator stopped");
    }

    /** Streams events to {@code listener} until the orchestrator closes the connection or this client is closed. */
    public void events(Consumer<EventRecord> listener) throws ControlException {
        call(request("events"), QUICK);
        while (true) {
            Object next = take(null);
            if (next == EOF || next == null) {
                return;
            }
            ObjectNode line = reply(next, "events");
            if (line.path("type").asText().equals("error")) {
                throw new ControlException(line.path("message").asText());
            }
            if (line.path("type").asText().equals("event")) {
                try {
                    listener.accept(EventCodec.decode(line));
                } catch (IllegalArgumentException unknownKind) {
                    // a newer orchestrator may add event kinds within protocol 1: skip them
                }
            }
        }
    }

    private ObjectNode request(String op) {
        ObjectNode n = JsonText.object();
        n.put("id", nextId++);
        n.put("op", op);
        return n;
    }

    /** Sends {@code request} and waits (forever when {@code timeout} is null) for the result with its id. */
    private ObjectNode call(ObjectNode request, Duration timeout) throws ControlException {
        send(request);
        String op = request.path("op").asText();
        while (true) {
            ObjectNode reply = next(timeout, op);
            JsonNode id = reply.path("id");
            if (id.isNull() || id.isMissingNode() || id.asText().equals(request.path("id").asText())) {
                if (reply.path("type").asText().equals("error")) {
                    throw new ControlException(reply.path("message").asText());
                }
                return reply;
            }
        }
    }

    private void send(ObjectNode message) throws ControlException {
        write(Protocol.line(message));
    }

    /** Writes {@code line} (nothing when empty) after our hello if that is still unsent. */
    private void write(String line) throws ControlException {
        try {
            writeWithHello(line);
        } catch (IOException e) {
            throw new ControlException("the orchestrator at " + location.socket() + " closed the connection: "
                    + e.getMessage() + "; check .orchestrator/orchestrator.log", e);
        }
    }

    private void writeWithHello(String line) throws IOException {
        String hello = helloLine;
        helloLine = null;
        lines.writeLine(hello == null ? line : line.isEmpty() ? hello : hello + "\n" + line);
    }

    /** Checks the server's hello, the first line it sends. */
    private void awaitHello(Object line) throws ControlException {
        if (line == null) {
            throw new ControlException("the orchestrator at " + location.socket() + " did not say hello within "
                    + HELLO_WAIT.toSeconds() + " s; it may be hung: see .orchestrator/orchestrator.log");
        }
        if (line == EOF) {
            throw new ControlException("the orchestrator closed the connection before answering 'hello'; see "
                    + ".orchestrator/orchestrator.log");
        }
        ObjectNode hello = reply(line, "hello");
        String type = hello.path("type").asText();
        if (type.equals("error")) {
            throw new ControlException(hello.path("message").asText());
        }
        int theirs = hello.path("protocol").asInt(-1);
        if (!type.equals("hello") || theirs != protocol) {
            throw new ControlException(Protocol.mismatch(theirs, protocol));
        }
        serverHello = hello;
    }

    private ObjectNode next(Duration timeout, String op) throws ControlException {
        if (serverHello == null) {
            awaitHello(take(HELLO_WAIT));
        }
        Object next = take(timeout);
        if (next == null) {
            throw new ControlException("the orchestrator at " + location.socket() + " did not answer '" + op
                    + "' within " + timeout.toSeconds() + " s; it may be hung: see .orchestrator/orchestrator.log");
        }
        if (next == EOF) {
            throw new ControlException("the orchestrator closed the connection before answering '" + op
                    + "'; see .orchestrator/orchestrator.log");
        }
        return reply(next, op);
    }

    private static ObjectNode reply(Object next, String op) throws ControlException {
        try {
            return Protocol.parse((String) next);
        } catch (IllegalArgumentException e) {
            throw new ControlException("the orchestrator answered '" + op + "' with " + e.getMessage()
                    + "; the CLI and the orchestrator may differ in version");
        }
    }

    /** The next line or {@link #EOF}; null when {@code timeout} passed. */
    private Object take(Duration timeout) throws ControlException {
        try {
            return timeout == null ? incoming.take() : incoming.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException("interrupted while waiting for the orchestrator");
        }
    }

    private void readLoop() {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                incoming.add(line);
            }
        } catch (IOException e) {
            // closed by us or by the orchestrator: either way the conversation is over
        }
        incoming.add(EOF);
    }

    @Override
    public void close() {
        lines.close();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Whether the connection is still open (tests). */
    boolean isOpen() {
        return lines.isOpen();
    }
}
