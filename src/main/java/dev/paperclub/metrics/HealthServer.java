package dev.paperclub.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paperclub.util.DaemonThreads;
import dev.paperclub.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /healthz} and {@code GET /metrics} on {@code health.bind:health.port}, served by the
 * JDK's HTTP server from inside the running process (only it knows whether its gateway is
 * connected). Healthy means: the store answers a cheap query within {@link #STORE_TIMEOUT} and,
 * when there is a gateway ({@code run}), it is connected. Other paths are 404, other methods 405.
 */
public final class HealthServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);
    /** How long the store's cheap query may take before the process is reported unhealthy. */
    public static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);

    /** The connection to Discord, as {@code /healthz} reports it. */
    public interface Gateway {
        /** Whether members' commands can reach the bot now. */
        boolean connected();

        /** Its state in a word or two ({@code connected}, {@code attempting_to_reconnect}, …). */
        String state();

        /** The console: no gateway to be connected, so only the store decides. */
        Gateway NONE = new Gateway() {
            @Override
            public boolean connected() {
                return true;
            }

            @Override
            public String state() {
                return "not used";
            }
        };
    }

    /** What the server reports on, supplied by the app: the metrics, a cheap store query (the papers), since when. */
    public record Sources(Metrics metrics, IntSupplier papers, Instant started, Clock clock) {}

    /** The server could not start (the port is taken, the address is not this machine's): a message for the operator. */
    public static final class StartFailure extends RuntimeException {
        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final ExecutorService probe;
    private final Sources sources;
    private final Gateway gateway;
    /** The store query in flight: a store that hangs gets one stuck probe, not one per request. */
    private CompletableFuture<Integer> storeQuery;

    private HealthServer(HttpServer server, Sources sources, Gateway gateway) {
        this.server = server;
        this.sources = sources;
        this.gateway = gateway;
        this.threads = Executors.newFixedThreadPool(2, DaemonThreads.numbered("paperclub-health"));
        this.probe = Executors.newSingleThreadExecutor(DaemonThreads.named("paperclub-health-store"));
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /** Listens on {@code bind:port} until closed; throws {@link StartFailure} with a clear message. */
    public static HealthServer start(String bind, int port, Sources sources, Gateway gateway) {
        String where = bind + ":" + port;
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new StartFailure(
                    "health.bind " + bind + " is not an address or a known host name; use an IP address of this"
                            + " machine such as 127.0.0.1",
                    e);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 16);
        } catch (BindException e) {
            String why = String.valueOf(e.getMessage());
            throw new StartFailure(
                    why.contains("in use")
                            ? "health.port " + port + " on " + bind
                                    + " is already in use by another program; choose another health.port"
                                    + " (or set it to 0 to turn health and metrics off)"
                            : "cannot listen on " + where + " for health and metrics (" + why + "); check health.bind"
                                    + " (an address of this machine) and health.port",
                    e);
        } catch (IOException e) {
            throw new StartFailure("cannot listen on " + where + " for health and metrics: " + e.getMessage(), e);
        }
        sources.metrics().includeJvm();
        HealthServer health = new HealthServer(server, sources, gateway);
        server.start();
        log.info("Health and metrics on http://{}/healthz and /metrics", where);
        return health;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/healthz") && !path.equals("/metrics")) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not found: try /healthz or /metrics\n");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "Only GET is allowed here\n");
                return;
            }
            if (path.equals("/healthz")) {
                Map<String, Object> status = status();
                send(
                        exchange,
                        "ok".equals(status.get("status")) ? 200 : 503,
                        "application/json",
                        Json.write(status) + "\n");
            } else {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                sources.metrics().writeText(text);
                send(exchange, 200, Metrics.textContentType(), text.toByteArray());
            }
        } catch (IOException e) {
            // a client that hung up mid-answer: nothing to tell it
            log.debug("Answering {} failed: {}", exchange.getRequestURI(), e.toString());
        } catch (RuntimeException e) {
            log.warn("Answering {} failed", exchange.getRequestURI(), e);
            try {
                send(exchange, 500, "text/plain; charset=utf-8", "Internal error; the bot's log says why\n");
            } catch (IOException | RuntimeException alreadyAnswering) {
                // the answer had started: the client sees it cut short
            }
        } finally {
            exchange.close();
        }
    }

    /** The JSON of {@code /healthz}: status ok or unavailable, the reason when unavailable, and the figures. */
    private Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        String reason = null;
        Integer papers = null;
        String store;
        try {
            papers = askStore();
            store = "ok";
        } catch (TimeoutException e) {
            store = "no answer";
            reason = "the store did not answer within " + STORE_TIMEOUT.toSeconds() + " s";
        } catch (ExecutionException e) {
            store = "failing";
            reason = "the store failed: " + e.getCause().getMessage();
        }
        boolean connected = gateway.connected();
        if (reason == null && !connected) {
            reason = "the Discord gateway is not connected (" + gateway.state() + ")";
        }
        m.put("status", reason == null ? "ok" : "unavailable");
        if (reason != null) m.put("reason", reason);
        m.put("store", store);
        m.put("gateway", gateway.state());
        if (papers != null) m.put("papers", papers);
        m.put(
                "uptime_seconds",
                Duration.between(sources.started(), sources.clock().instant()).toSeconds());
        return m;
    }

    private int askStore() throws TimeoutException, ExecutionException {
        CompletableFuture<Integer> query;
        synchronized (this) {
            if (storeQuery == null || storeQuery.isDone()) {
                storeQuery =
                        CompletableFuture.supplyAsync(() -> sources.papers().getAsInt(), probe);
            }
            query = storeQuery;
        }
        try {
            return query.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        send(exchange, code, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops listening (requests in flight get up to a second) and ends its threads. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
        probe.shutdownNow();
    }
}
