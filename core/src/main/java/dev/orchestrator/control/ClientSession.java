package dev.orchestrator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One connected client: a virtual thread reads and answers requests, another drains the bounded outbox to the socket.
 * Everything the client is sent (responses and events) goes through the outbox, so the orchestrator's threads only ever
 * queue; when the outbox is full the client is dropped with a final error line. The lock guards the outbox and the
 * dropped flag only, never I/O.
 */
final class ClientSession {

    /** Tells the writer to close the connection once everything before it is written. */
    private static final Object END = new Object();

    private final int number;
    private final LineChannel lines;
    private final RequestHandler handler;
    private final ControlTarget target;
    private final String version;
    private final ControlServer.Options options;
    private final Consumer<ClientSession> onClosed;
    private final BlockingQueue<Object> outbox;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean ending;
    private List<Object> heldEvents; // events that came while subscribing; under lock, null when not subscribing
    private volatile boolean closed;
    private volatile AutoCloseable subscription;
    private volatile JsonNode subscriptionId = NullNode.getInstance();
    private volatile Thread writer;

    ClientSession(int number, SocketChannel channel, ControlTarget target, String version,
            ControlServer.Options options, Consumer<ClientSession> onClosed) {
        this.number = number;
        this.lines = new LineChannel(channel, Protocol.MAX_LINE_BYTES);
        this.handler = new RequestHandler(target);
        this.target = target;
        this.version = version;
        this.options = options;
        this.onClosed = onClosed;
        this.outbox = new ArrayBlockingQueue<>(options.queueLimit());
    }

    void start() {
        writer = Thread.ofVirtual().name("control-write-" + number).start(this::writeLoop);
        Thread.ofVirtual().name("control-read-" + number).start(this::readLoop);
    }

    private void readLoop() {
        try {
            enqueue(Protocol.hello(version));
            if (!handshake(lines.readLine())) {
                return;
            }
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                answer(line);
            }
            end(null);
        } catch (LineChannel.LineTooLongException e) {
            end(RequestHandler.error(NullNode.getInstance(), "request line too long: " + e.getMessage()
                    + "; send one JSON object per line"));
        } catch (IOException e) {
            close();
        }
    }

    private boolean handshake(String line) {
        if (line == null) {
            end(null);
            return false;
        }
        ObjectNode hello;
        try {
            hello = Protocol.parse(line);
        } catch (IllegalArgumentException e) {
            end(RequestHandler.error(NullNode.getInstance(), "expected a hello first, got " + e.getMessage()
                    + "; send {\"schema\":1,\"type\":\"hello\",\"protocol\":" + Protocol.VERSION + "}"));
            return false;
        }
        if (!hello.path("type").asText().equals("hello")) {
            end(RequestHandler.error(RequestHandler.id(hello), "expected a hello first, got "
                    + Protocol.abbreviate(line) + "; send {\"schema\":1,\"type\":\"hello\",\"protocol\":"
                    + Protocol.VERSION + "}"));
            return false;
        }
        int theirs = hello.path("protocol").asInt(-1);
        if (theirs != Protocol.VERSION) {
            end(RequestHandler.error(NullNode.getInstance(), Protocol.mismatch(Protocol.VERSION, theirs)));
            return false;
        }
        return true;
    }

    private void answer(String line) {
        ObjectNode request;
        try {
            request = Protocol.parse(line);
        } catch (IllegalArgumentException e) {
            enqueue(RequestHandler.error(NullNode.getInstance(), "request is " + e.getMessage()
                    + "; send one JSON object per line"));
            return;
        }
        String op = request.path("op").asText();
        if (op.equals("events")) {
            subscribe(RequestHandler.id(request));
        } else if (op.equals("down")) {
            end(handler.handle(request)); // the orchestrator is exiting: the answer is the last line
        } else {
            enqueue(handler.handle(request));
        }
    }

    private void subscribe(JsonNode id) {
        if (subscription != null) {
            enqueue(RequestHandler.result(id, true).put("message", "already subscribed"));
            return;
        }
        subscriptionId = id;
        // Subscribed before the result is queued, so a client that has read the result misses no later event; the
        // events that come while subscribing are held and follow the result.
        lock.lock();
        try {
            heldEvents = new ArrayList<>();
        } finally {
            lock.unlock();
        }
        Object answer = RequestHandler.result(id, true).put("message", "subscribed; events follow until you close");
        try {
            subscription = target.subscribe(this::event);
        } catch (RuntimeException e) {
            answer = RequestHandler.error(id, "op 'events' failed in the orchestrator: " + e + "; retry");
        }
        lock.lock();
        try {
            List<Object> held = heldEvents;
            heldEvents = null;
            enqueue(answer);
            held.forEach(this::enqueue);
        } finally {
            lock.unlock();
        }
        if (closed) {
            unsubscribe(); // the client went away while the target was subscribing it
        }
    }

    private void event(Object event) {
        lock.lock();
        try {
            if (heldEvents != null) {
                heldEvents.add(event);
            } else {
                enqueue(event);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues a message without ever blocking; a full outbox drops this client. */
    private void enqueue(Object message) {
        lock.lock();
        try {
            if (ending) {
                return;
            }
            if (!outbox.offer(message)) {
                outbox.clear();
                ending = true;
                outbox.offer(RequestHandler.error(NullNode.getInstance(), "client dropped: more than "
                        + options.queueLimit() + " messages were waiting for it to read; reconnect and read faster"));
                outbox.offer(END);
                Thread.ofVirtual().name("control-drop-" + number).start(this::closeAfterGrace);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code last} (when given), then closes once the writer has written everything queued. */
    void end(ObjectNode last) {
        if (last != null) {
            enqueue(last);
        }
        lock.lock();
        try {
            if (!ending) {
                ending = true;
                if (!outbox.offer(END)) {
                    Thread.ofVirtual().start(this::close);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A client that stopped reading may block the writer forever: give it a grace, then cut it off. */
    private void closeAfterGrace() {
        unsubscribe();
        awaitWriter(options.dropGrace());
        close();
    }

    boolean awaitWriter(Duration timeout) {
        if (writer == null) {
            return true; // never started: nothing queued was ever going to be written
        }
        try {
            return writer.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                Object next = outbox.poll(1, TimeUnit.DAYS);
                if (next == END) {
                    break;
                }
                if (next instanceof ObjectNode node) {
                    lines.writeLine(Protocol.line(node));
                } else if (next instanceof EventRecord event) {
                    lines.writeLine(Protocol.line(EventCodec.encode(event, subscriptionId)));
                }
            }
        } catch (IOException e) {
            // the client went away; close() below cleans up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Closes the connection now and unsubscribes; idempotent. */
    void close() {
        closed = true;
        lock.lock();
        try {
            ending = true;
        } finally {
            lock.unlock();
        }
        unsubscribe();
        lines.close();
        if (writer != null && writer != Thread.currentThread()) {
            writer.interrupt();
        }
        onClosed.accept(this);
    }

    private void unsubscribe() {
        AutoCloseable handle = subscription;
        subscription = null;
        if (handle != null) {
            try {
                handle.close();
            } catch (Exception e) {
                // the target could not unsubscribe; the listener only queues into a closed session, which is harmless
            }
        }
    }
}
