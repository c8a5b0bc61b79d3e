package dev.paperclub.discord.fake;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * The gateway half of the double: a plain-text JSON Discord gateway (v10, no compression).
 *
 * <p>It keeps one bot session at a time. Every dispatch gets the session's next sequence number
 * and is kept in a replay buffer, so that a dispatch sent while the socket is down (for example
 * right after {@link #dropConnection()}) is delivered on RESUME, as Discord does. A RESUME for an
 * unknown session is answered with INVALID_SESSION (op 9, {@code d:false}) so JDA re-identifies.
 */
final class FakeGateway extends WebSocketServer {
    /** Dispatches produced for a fresh session: READY first, then one GUILD_CREATE per guild. */
    record Dispatch(String type, DataObject data) {}

    private static final int REPLAY_LIMIT = 10_000;

    private final String token;
    private final int heartbeatIntervalMs;
    private final Function<String, List<Dispatch>> sessionStart;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Object lock = new Object();
    private final AtomicInteger identifies = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();
    private final AtomicInteger heartbeats = new AtomicInteger();

    // guarded by lock: the one live session and the connection that currently carries it
    private Session session;
    private WebSocket live;
    private int sessionCounter;
    private boolean refuseNextResume;
    /** While set, every opening handshake is refused (an HTTP error instead of the upgrade), as when Discord is unreachable. */
    private volatile boolean refusingConnections;

    private static final class Session {
        final String id;
        int seq;
        final Deque<Frame> history = new ArrayDeque<>();

        Session(String id) {
            this.id = id;
        }
    }

    private record Frame(int seq, String json) {}

    FakeGateway(String token, int heartbeatIntervalMs, Function<String, List<Dispatch>> sessionStart) {
        super(new InetSocketAddress("127.0.0.1", 0), 2);
        this.token = token;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.sessionStart = sessionStart;
        setReuseAddr(true);
        // JDA heartbeats on its own; the library's ping-based lost-connection check only adds noise
        setConnectionLostTimeout(0);
        setDaemon(true);
    }

    void startAndWait() {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gateway did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
            WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
        if (refusingConnections) {
            throw new InvalidDataException(CloseFrame.TRY_AGAIN_LATER, "the double refuses gateway connections");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    /** Refuses (true) or accepts again (false) new gateway connections; a live one is left alone. */
    void refuseConnections(boolean refuse) {
        refusingConnections = refuse;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        // Discord sends HELLO first; JDA has usually sent IDENTIFY already and does not mind the order
        conn.send(DataObject.empty()
                .put("op", 10)
                .put("d", DataObject.empty().put("heartbeat_interval", heartbeatIntervalMs))
                .toString());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        DataObject frame = DataObject.fromJson(message);
        int op = frame.getInt("op", -1);
        switch (op) {
            case 1 -> {
                heartbeats.incrementAndGet();
                conn.send("{\"op\":11}");
            }
            case 2 -> identify(conn, frame.getObject("d"));
            case 6 -> resume(conn, frame.getObject("d"));
            default -> {
                // presence updates (3), voice (4), member chunk requests (8): nothing to answer
            }
        }
    }

    private void identify(WebSocket conn, DataObject d) {
        if (!token.equals(stripBot(d.getString("token", "")))) {
            conn.close(4004, "Authentication failed.");
            return;
        }
        synchronized (lock) {
            session = new Session("double-session-" + (++sessionCounter));
            live = conn;
            identifies.incrementAndGet();
            for (Dispatch dispatch : sessionStart.apply(session.id)) {
                sendLocked(dispatch.type(), dispatch.data());
            }
            lock.notifyAll();
        }
    }

    private void resume(WebSocket conn, DataObject d) {
        synchronized (lock) {
            boolean known = session != null
                    && session.id.equals(d.getString("session_id", ""))
                    && token.equals(stripBot(d.getString("token", "")));
            if (!known || refuseNextResume) {
                refuseNextResume = false;
                conn.send("{\"op\":9,\"d\":false}");
                return;
            }
            live = conn;
            long after = d.getLong("seq", 0);
            for (Frame f : session.history) {
                if (f.seq() > after) {
                    conn.send(f.json());
                }
            }
            resumes.incrementAndGet();
            sendLocked(
                    "RESUMED",
                    DataObject.empty().put("_trace", DataArray.empty().add("paperclub-double")));
            lock.notifyAll();
        }
    }

    private static String stripBot(String t) {
        return t.startsWith("Bot ") ? t.substring(4) : t;
    }

    /** Sends a dispatch on the live session; buffered for RESUME when the socket is down. */
    void dispatch(String type, DataObject data) {
        synchronized (lock) {
            if (session == null) {
                throw new IllegalStateException("no bot session on the gateway yet: await JDA's ready first");
            }
            sendLocked(type, data);
        }
    }

    private void sendLocked(String type, DataObject data) {
        int seq = ++session.seq;
        String json = DataObject.empty()
                .put("op", 0)
                .put("s", seq)
                .put("t", type)
                .put("d", data)
                .toString();
        session.history.addLast(new Frame(seq, json));
        if (session.history.size() > REPLAY_LIMIT) {
            session.history.removeFirst();
        }
        if (live != null && live.isOpen()) {
            live.send(json);
        }
    }

    /** Closes the live socket without a close frame (1006), as a network failure would. */
    void dropConnection() {
        WebSocket victim;
        synchronized (lock) {
            victim = live;
            live = null;
        }
        if (victim != null) {
            victim.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by test");
        }
    }

    /** Drops the socket and answers the client's RESUME with INVALID_SESSION, forcing a fresh IDENTIFY. */
    void dropSession() {
        synchronized (lock) {
            refuseNextResume = true;
        }
        dropConnection();
    }

    /** Waits until a session is carried by an open, authenticated connection. */
    boolean awaitLive(Duration timeout) throws InterruptedException {
        return awaitState(g -> g.live != null && g.live.isOpen(), timeout);
    }

    private boolean awaitState(Predicate<FakeGateway> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.test(this)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        }
    }

    int identifies() {
        return identifies.get();
    }

    int resumes() {
        return resumes.get();
    }

    int heartbeats() {
        return heartbeats.get();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        synchronized (lock) {
            if (live == conn) {
                live = null;
            }
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // a client vanishing mid-frame is normal when tests drop or shut down connections
    }

    void shutdown() {
        try {
            stop(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
