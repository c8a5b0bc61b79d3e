package dev.paperclub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperclub.App;
import dev.paperclub.Main;
import dev.paperclub.TestApps;
import dev.paperclub.cli.CliRuns;
import dev.paperclub.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code console} with {@code health.port}: /healthz and /metrics served from inside the process,
 * the metrics read by a strict Prometheus text parser and checked against what was done; health off
 * by default (no socket listens); {@code health.bind} respected; a taken port refused in words.
 */
final class HealthConsoleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    /** A console running in this JVM on piped standard input, until {@link #close()}. */
    private final class Console implements AutoCloseable {
        final PipedOutputStream stdin = new PipedOutputStream();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CompletableFuture<Integer> exit;
        private final InputStream oldIn = System.in;

        /** {@code settings}: config key/value pairs; {@code extra}: the console's own options. */
        Console(java.util.List<String> extra, String... settings) throws IOException {
            Path config = dir.resolve("console-" + System.nanoTime() + ".properties");
            StringBuilder c = new StringBuilder();
            for (int i = 0; i < settings.length; i += 2)
                c.append(settings[i]).append('=').append(settings[i + 1]).append('\n');
            Files.writeString(config, c.toString());
            System.setIn(new PipedInputStream(stdin, 1 << 16));
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                    "console", "--data-dir", dir.resolve("data").toString(), "--config", config.toString()));
            args.addAll(extra);
            exit = CompletableFuture.supplyAsync(() -> cl.execute(args.toArray(String[]::new)));
        }

        void type(String lines) throws IOException {
            stdin.write(lines.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        /** Waits until the console printed {@code text} to stdout. */
        void awaitOutput(String text) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!out.toString().contains(text)) {
                if (System.nanoTime() > deadline || exit.isDone())
                    throw new AssertionError("no '" + text + "' in " + out + err);
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws Exception {
            try {
                stdin.close(); // end of input: the console leaves
                assertEquals(0, exit.get(WAIT.toSeconds(), TimeUnit.SECONDS), err.toString());
            } finally {
                System.setIn(oldIn);
            }
        }
    }

    private static HttpResponse<String> get(String host, int port, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path} until the answer satisfies {@code done} (the server may still be starting). */
    private static HttpResponse<String> await(
            String host, int port, String path, Predicate<HttpResponse<String>> done, Console console)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpResponse<String> r = null;
            try {
                r = get(host, port, path);
                if (done.test(r)) return r;
            } catch (ConnectException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline || console.exit.isDone()) {
                throw new AssertionError("no such answer on " + path + ": "
                        + (r == null ? "nothing listens" : r.statusCode() + " " + r.body()) + "\n" + console.out
                        + console.err);
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void metricsCountWhatTheConsoleDidAndParseAsPrometheusText() throws Exception {
        int port = freePort();
        Map<String, PrometheusText.Family> metrics;
        String body;
        try (Console console = new Console(java.util.List.of("--user", "alice"), "health.port", String.valueOf(port))) {
            JsonNode health =
                    Json.MAPPER.readTree(await("127.0.0.1", port, "/healthz", r -> r.statusCode() == 200, console)
                            .body());
            assertEquals("ok", health.get("status").asText(), health.toString());
            assertEquals("ok", health.get("store").asText(), health.toString());
            assertEquals("not used", health.get("gateway").asText(), "the console has no gateway");
            assertEquals(201, health.get("papers").asInt(), "the bundled samples were loaded");
            assertTrue(health.get("uptime_seconds").asLong() >= 0, health.toString());

            console.type(
                    """
                    /help
                    /help
                    /help
                    /search query:pointer networks limit:2
                    press 1
                    /search query:state space models limit:2
                    /vote paper:Pointer Networks
                    /admin stats
                    /summarize paper:qqqq zzzz nothing like this title
                    /nonsense
                    """);
            // the console's own parser answers a command it does not know: that never reaches the commands
            console.awaitOutput("Unknown command `/nonsense`");
            HttpResponse<String> scrape = get("127.0.0.1", port, "/metrics");
            assertEquals(200, scrape.statusCode());
            assertTrue(
                    scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                    scrape.headers().toString());
            body = scrape.body();
            metrics = PrometheusText.parse(body);

            // the other paths and methods
            assertEquals(404, get("127.0.0.1", port, "/").statusCode());
            assertEquals(404, get("127.0.0.1", port, "/healthz/extra").statusCode());
            HttpResponse<String> post = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .POST(HttpRequest.BodyPublishers.ofString("x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
        }

        PrometheusText.Family commands = metrics.get("paperclub_commands_total");
        assertEquals("counter", commands.type(), body);
        assertEquals(9, commands.sum("paperclub_commands_total"), body);
        assertEquals(3, commands.value("paperclub_commands_total", Map.of("command", "/help", "outcome", "ok")));
        assertEquals(2, commands.value("paperclub_commands_total", Map.of("command", "/search", "outcome", "ok")));
        assertEquals(
                1, commands.value("paperclub_commands_total", Map.of("command", "/summarize", "outcome", "failed")));
        assertEquals(1, commands.value("paperclub_commands_total", Map.of("command", "button sum", "outcome", "ok")));
        assertEquals(1, commands.value("paperclub_commands_total", Map.of("command", "/vote", "outcome", "ok")));
        assertEquals(
                1, commands.value("paperclub_commands_total", Map.of("command", "/admin stats", "outcome", "refused")));

        PrometheusText.Family latency = metrics.get("paperclub_command_duration_seconds");
        assertEquals("histogram", latency.type(), body);
        assertEquals(9, latency.value("paperclub_command_duration_seconds_count", Map.of()));
        assertEquals(9, latency.value("paperclub_command_duration_seconds_bucket", Map.of("le", "+Inf")));
        assertTrue(latency.value("paperclub_command_duration_seconds_sum", Map.of()) > 0);

        assertEquals("gauge", metrics.get("paperclub_papers").type());
        assertEquals("gauge", metrics.get("paperclub_votes").type());
        double papers = metrics.get("paperclub_papers").value("paperclub_papers", Map.of());
        double votes = metrics.get("paperclub_votes").value("paperclub_votes", Map.of());
        try (App app = App.open(TestApps.config(dir.resolve("data")), TestApps.CLOCK)) {
            assertEquals(app.papers().count(), papers, "the gauge is the store's count");
            assertEquals(app.voteStore().activeVotes(), votes);
            assertEquals(1, votes);
        }

        // feeds and posts show from the start, at 0 here (no feed ran, nothing was posted)
        assertEquals(
                0,
                metrics.get("paperclub_feed_fetches_total")
                        .value("paperclub_feed_fetches_total", Map.of("source", "hf-daily")));
        assertEquals(
                0,
                metrics.get("paperclub_feed_fetch_failures_total")
                        .value("paperclub_feed_fetch_failures_total", Map.of("source", "hf-daily")));
        for (String kind : new String[] {"highlight", "thread", "announcement"}) {
            assertEquals(0, metrics.get("paperclub_posts_total").value("paperclub_posts_total", Map.of("kind", kind)));
            assertEquals(
                    0,
                    metrics.get("paperclub_post_failures_total")
                            .value("paperclub_post_failures_total", Map.of("kind", kind)));
        }
        assertTrue(metrics.containsKey("jvm_memory_used_bytes"), "the JVM's own figures: " + metrics.keySet());
        assertTrue(metrics.containsKey("jvm_threads_current"), metrics.keySet().toString());
    }

    @Test
    void postsAreCountedByKindAndAdminStatsReadsTheSameHistogram() throws Exception {
        int port = freePort();
        try (Console console =
                new Console(java.util.List.of("--user", "mod", "--moderator"), "health.port", String.valueOf(port))) {
            await("127.0.0.1", port, "/healthz", r -> r.statusCode() == 200, console);
            // the console's moderator posts highlights (printed as a post in the channel), then reads /admin stats
            console.type(
                    """
                    /admin channel channel:reading-group
                    /admin post-highlights
                    /admin stats
                    """);
            console.awaitOutput("Command latency");
            assertTrue(console.out.toString().contains("→ posted in #reading-group"), console.out.toString());
            // /admin stats counts the two commands before it, from the histogram /metrics exposes
            assertTrue(
                    console.out.toString().matches("(?s).*p50 [0-9.]+ ms · p99 [0-9.]+ ms over 2\\b.*"),
                    console.out.toString());
            Map<String, PrometheusText.Family> m =
                    PrometheusText.parse(get("127.0.0.1", port, "/metrics").body());
            assertEquals(
                    3,
                    m.get("paperclub_command_duration_seconds")
                            .value("paperclub_command_duration_seconds_count", Map.of()));
            assertEquals(1, m.get("paperclub_posts_total").value("paperclub_posts_total", Map.of("kind", "highlight")));
            assertEquals(
                    0,
                    m.get("paperclub_post_failures_total")
                            .value("paperclub_post_failures_total", Map.of("kind", "highlight")));
        }
    }

    @Test
    void offByDefaultNothingListens() throws Exception {
        Set<Long> before = listeningSockets();
        try (Console console = new Console(java.util.List.of("--no-samples"))) {
            console.type("/help\n");
            console.awaitOutput("/search");
            assertEquals(before, listeningSockets(), "the console opened no listening socket");
        }
        // and the check sees one when there is one
        int port = freePort();
        try (Console console = new Console(java.util.List.of("--no-samples"), "health.port", String.valueOf(port))) {
            await("127.0.0.1", port, "/healthz", r -> r.statusCode() == 200, console);
            Set<Long> now = listeningSockets();
            now.removeAll(before);
            assertEquals(1, now.size(), "exactly the health server listens");
        }
    }

    @Test
    void healthBindIsRespected() throws Exception {
        int port = freePort();
        try (Console console = new Console(
                java.util.List.of("--no-samples"), "health.port", String.valueOf(port), "health.bind", "127.0.0.2")) {
            assertEquals(
                    200,
                    await("127.0.0.2", port, "/healthz", r -> true, console).statusCode());
            assertThrows(ConnectException.class, () -> get("127.0.0.1", port, "/healthz"), "not on 127.0.0.1");
        }
    }

    @Test
    void aTakenPortStopsTheStartInWords() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path config = dir.resolve("taken.properties");
            Files.writeString(config, "health.port=" + taken.getLocalPort() + "\n");
            CliRuns.Run r = CliRuns.withStdin(
                    "/help\n",
                    "console",
                    "--no-samples",
                    "--data-dir",
                    dir.resolve("data").toString(),
                    "--config",
                    config.toString());
            assertEquals(1, r.code(), r.err());
            assertTrue(
                    r.err().contains("health.port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"),
                    r.err());
            assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        }
    }

    /** The inodes of the TCP sockets this process has open in the LISTEN state (Linux /proc). */
    private static Set<Long> listeningSockets() throws IOException {
        Set<Long> mine = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:["))
                        mine.add(Long.parseLong(target.substring(8, target.length() - 1)));
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        Set<Long> listening = new HashSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path p = Path.of(table);
            if (!Files.exists(p)) continue;
            for (String line :
                    Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
                String[] f = line.strip().split("\\s+");
                if (f[3].equals("0A")) listening.add(Long.parseLong(f[9]));
            }
        }
        listening.retainAll(mine);
        return listening;
    }
}
