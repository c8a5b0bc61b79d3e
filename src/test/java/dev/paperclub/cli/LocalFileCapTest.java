package dev.paperclub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.paperclub.cli.CliRuns.Run;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest.max-bytes} (50 MiB by default) caps what arrives over the network; a local file
 * named on the command line is read whole however large (issue #24: a team's 176 MB export).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class LocalFileCapTest {
    private static final long SIZE = 176_000_000L;
    private static final int PAPERS = 2_000;

    @TempDir
    Path dir;

    /**
     * A 176 MB export: {@value #PAPERS} papers, each line carrying a long field that ingest does
     * not store (as a newer export may carry fields this version does not know), so the file is
     * large while storing and indexing it stays quick.
     */
    private Path bigExport() throws Exception {
        Path file = dir.resolve("team-export.jsonl");
        String filler = "x".repeat((int) (SIZE / PAPERS) - 300);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < PAPERS; i++) {
                w.write(
                        "{\"id\":\"2410.%05d\",\"title\":\"Team export paper %d\",\"abstract\":\"What the team read, number %d.\",\"authors\":[\"A\"],\"sources\":[\"export\"],\"notes\":\"%s\"}\n"
                                .formatted(i, i, i, filler));
            }
        }
        return file;
    }

    @Test
    void aLocalFileOverTheNetworkCapIsIngestedWithTheDefaultConfiguration() throws Exception {
        Path file = bigExport();
        assertTrue(Files.size(file) > 170_000_000L && Files.size(file) > 50L * 1024 * 1024);
        Path data = dir.resolve("data");
        long t0 = System.nanoTime();
        Run r = CliRuns.run("ingest", "--data-dir", data.toString(), file.toString());
        System.out.printf(
                "LocalFileCapTest: a %,d-byte local file ingested in %,d ms%n",
                Files.size(file), (System.nanoTime() - t0) / 1_000_000);
        assertEquals(0, r.code(), r.err());
        assertEquals(
                file + " (PaperClub JSON Lines export): 2000 added, 0 updated, 0 unchanged, 0 rejected\n", r.out());

        // the same bytes over HTTP are network input: refused at the cap, nothing stored
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/team-export.jsonl", exchange -> {
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            } catch (java.io.IOException e) {
                // the client hung up at the cap
            }
        });
        server.start();
        try {
            Path config = Files.writeString(dir.resolve("test.properties"), "ingest.allow-private-urls=true\n");
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/team-export.jsonl";
            Run fetched = CliRuns.run("ingest", "--config", config.toString(), "--data-dir", data.toString(), url);
            assertEquals(1, fetched.code(), fetched.out());
            assertTrue(fetched.err().contains("over the limit of 52428800 bytes (ingest.max-bytes)"), fetched.err());
        } finally {
            server.stop(0);
        }
        Run stats = CliRuns.run("stats", "--json", "--data-dir", data.toString());
        assertTrue(stats.out().contains("\"papers\" : 2000") || stats.out().contains("\"papers\":2000"), stats.out());
    }
}
