package dev.paperclub.feed;

import com.sun.net.httpserver.HttpServer;
import dev.paperclub.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local stand-in for arXiv's API on 127.0.0.1: answers with the recorded pages in
 * src/test/resources/feeds (by the {@code start} parameter, two entries a page), or with the
 * answers a test scripted first; records every request (arrival time, parameters, User-Agent)
 * and the most requests it ever had open at once.
 */
public final class ArxivDouble implements AutoCloseable {
    /** One request as the server saw it. */
    public record Hit(long nanos, Map<String, String> params, String userAgent) {
        public String param(String name) {
            return params.get(name);
        }
    }

    /** An answer: a status and a fixture (null: no body), and headers. */
    public record Answer(int status, String fixture, Map<String, String> headers) {
        public static Answer page(String fixture) {
            return new Answer(200, fixture, Map.of());
        }

        public static Answer status(int code) {
            return new Answer(code, null, Map.of());
        }
    }

    final List<Hit> hits = Collections.synchronizedList(new ArrayList<>());
    /** Answers given first, in order, before the pages. */
    final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    /** The answer to a request nothing scripted: by default the recorded pages by {@code start}. */
    public volatile Function<Hit, Answer> pages = ArxivDouble::recorded;

    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger mostOpen = new AtomicInteger();
    private final HttpServer server;

    public ArxivDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/api/query", ex -> {
            int now = open.incrementAndGet();
            mostOpen.accumulateAndGet(now, Math::max);
            try {
                Hit hit = new Hit(
                        System.nanoTime(),
                        params(ex.getRequestURI().getRawQuery()),
                        ex.getRequestHeaders().getFirst("User-Agent"));
                hits.add(hit);
                Answer a = script.pollFirst();
                if (a == null) a = pages.apply(hit);
                a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
                if (a.fixture() == null) {
                    ex.sendResponseHeaders(a.status(), -1);
                } else {
                    byte[] body = fixture(a.fixture());
                    ex.getResponseHeaders().set("Content-Type", "application/atom+xml; charset=utf-8");
                    ex.sendResponseHeaders(a.status(), body.length);
                    ex.getResponseBody().write(body);
                }
            } finally {
                open.decrementAndGet();
                ex.close();
            }
        });
        server.start();
    }

    public static Answer recorded(Hit h) {
        return switch (h.param("start")) {
            case "0" -> Answer.page("arxiv_page1.xml");
            case "2" -> Answer.page("arxiv_page2.xml");
            case "4" -> Answer.page("arxiv_page3.xml");
            default -> Answer.page("arxiv_empty.xml");
        };
    }

    static byte[] fixture(String name) {
        try (InputStream in = ArxivDouble.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) return out;
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            out.put(
                    URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/query";
    }

    /** A configuration pointing the feeds at this double: pages of 2, a 0.2 s interval, local URLs allowed. */
    public Config config(Config base) {
        return base.with("feeds.arxiv.api-url", url())
                .with("feeds.arxiv.min-interval-seconds", "0.2")
                .with("feeds.arxiv.page-size", "2")
                .with("ingest.allow-private-urls", "true")
                .with("commands.per-user-per-minute", "10000");
    }

    public List<Hit> hits() {
        synchronized (hits) {
            return List.copyOf(hits);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
