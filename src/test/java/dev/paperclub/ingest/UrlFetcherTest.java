package dev.paperclub.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.paperclub.TestApps;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** URL ingest against a real HTTP server on 127.0.0.1. */
final class UrlFetcherTest {
    private HttpServer server;
    private String base;
    private final byte[] sample = TestApps.sample("hf_daily_papers_2026-06.json");

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/papers.json", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(200, sample.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(sample);
            }
        });
        server.createContext("/slow", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream o = ex.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    o.write("x".getBytes());
                    o.flush();
                    Thread.sleep(200);
                }
            } catch (Exception ignored) {
                // the client hangs up: that is the point
            }
        });
        server.createContext("/cut", ex -> {
            ex.sendResponseHeaders(200, 10_000); // promises 10,000 bytes, sends 100 and hangs up
            ex.getResponseBody().write(new byte[100]);
            ex.getResponseBody().flush();
            ex.close();
        });
        server.createContext("/big", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to trust
            try (OutputStream o = ex.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                for (int i = 0; i < 64; i++) o.write(chunk);
            } catch (Exception ignored) {
                // the client stops reading at the cap
            }
        });
        server.createContext("/loop", ex -> {
            ex.getResponseHeaders().add("Location", "/loop");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "/papers.json");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        server.createContext("/image", ex -> {
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, 4);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(new byte[] {1, 2, 3, 4});
            }
        });
        server.createContext("/to-file", ex -> {
            ex.getResponseHeaders().add("Location", "file:///etc/passwd");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static UrlFetcher fetcher(boolean allowPrivate) {
        return new UrlFetcher(
                new UrlFetcher.Limits(1024 * 1024, allowPrivate, Duration.ofSeconds(2), Duration.ofSeconds(2), 3));
    }

    private static String refusal(UrlFetcher f, String url) {
        return assertThrows(IngestException.class, () -> f.fetch(url)).getMessage();
    }

    @Test
    void fetchesAndFollowsABoundedRedirect() throws Exception {
        assertArrayEquals(
                sample, fetcher(true).fetch(base + "/papers.json").open().readAllBytes());
        assertArrayEquals(sample, fetcher(true).fetch(base + "/redirect").open().readAllBytes());
    }

    @Test
    void refusesLoopbackUnlessAllowed() {
        String m = refusal(fetcher(false), base + "/papers.json");
        assertTrue(m.contains("private or local address") && m.contains("ingest.allow-private-urls"), m);
    }

    @Test
    void refusesOtherSchemes() {
        assertTrue(refusal(fetcher(true), "file:///etc/passwd").contains("only http and https"));
        assertTrue(refusal(fetcher(true), "ftp://127.0.0.1/x").contains("only http and https"));
        assertTrue(refusal(fetcher(true), base + "/to-file").contains("only http and https"));
    }

    @Test
    void refusesASlowServer() {
        assertTrue(refusal(fetcher(true), base + "/slow").contains("did not finish sending"));
    }

    @Test
    void refusesAnOversizedBodyWhileReading() {
        assertTrue(refusal(fetcher(true), base + "/big").contains("over the limit"));
    }

    @Test
    void aBodyCutShortSaysSoInWords() {
        String m = refusal(fetcher(true), base + "/cut");
        assertTrue(m.contains("closed the connection before sending the whole body"), m);
        assertFalse(m.contains("IOException"), m);
        String refused = refusal(fetcher(true), "http://127.0.0.1:1/x");
        assertTrue(refused.contains("connection refused"), refused);
    }

    @Test
    void refusesARedirectLoop() {
        assertTrue(refusal(fetcher(true), base + "/loop").contains("redirects"));
    }

    @Test
    void refusesAWrongContentType() {
        assertTrue(refusal(fetcher(true), base + "/image").contains("image/png"));
    }

    @Test
    void privateRangesAreRecognized() throws Exception {
        for (String a : new String[] {
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "127.0.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "::1",
            "fd00::1",
            "0.0.0.0"
        }) {
            assertTrue(UrlFetcher.isPrivate(InetAddress.getByName(a)), a);
        }
        assertTrue(!UrlFetcher.isPrivate(InetAddress.getByName("8.8.8.8")));
    }
}
