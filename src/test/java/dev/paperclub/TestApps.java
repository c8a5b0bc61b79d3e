package dev.paperclub;

import dev.paperclub.config.Config;
import dev.paperclub.ingest.IngestException;
import dev.paperclub.ingest.IngestInput;
import dev.paperclub.ingest.IngestOptions;
import dev.paperclub.ingest.IngestReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Builds real Apps on a temp data dir with a fixed clock, and reads the bundled sample files. */
public final class TestApps {
    public static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final String[] SAMPLES = {
        "hf_page_000.txt",
        "hf_listing_001.txt",
        "hf_page_002.txt",
        "hf_daily_papers_2026-06.json",
        "arxiv_atom_2026.xml",
        "arxiv_atom_classic_2020.xml"
    };

    private TestApps() {}

    public static Config config(Path dataDir) {
        return Config.of(Map.of("data.dir", dataDir.toString()));
    }

    public static App open(Path dataDir) {
        return App.open(config(dataDir), CLOCK);
    }

    public static byte[] sample(String name) {
        try (InputStream in = TestApps.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) throw new IllegalArgumentException("no test sample " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static IngestReport ingestSample(App app, String name) throws IngestException {
        return app.ingest().ingest(IngestInput.ofBytes(name, sample(name)), IngestOptions.DEFAULT);
    }

    public static IngestReport ingestText(App app, String name, String text) throws IngestException {
        return app.ingest()
                .ingest(
                        IngestInput.ofBytes(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        IngestOptions.DEFAULT);
    }

    /** Ingests every sample into the app. */
    public static void ingestAllSamples(App app) throws IngestException {
        for (String s : SAMPLES) ingestSample(app, s);
    }

    /**
     * Writes {@code n} distinct papers in the export format to {@code file} (about 1.3 kB each):
     * an input large enough for ingest to show its progress and to be interrupted mid-way.
     */
    public static Path writeBigExport(Path file, int n) throws IOException {
        try (java.io.BufferedWriter w = java.nio.file.Files.newBufferedWriter(file)) {
            String body = "We study how reading groups pick papers. ".repeat(30);
            for (int i = 0; i < n; i++) {
                w.write("{\"id\":\"23" + String.format("%02d.%05d", 1 + i % 12, i) + "\",\"title\":\"Crash test paper "
                        + i + "\",\"abstract\":\"" + body + i + "\",\"authors\":[\"A\"],\"sources\":[\"bench\"]}\n");
            }
        }
        return file;
    }

    /** Reads {@code in} until {@code marker} has been read (or the end): what was read. */
    public static StringBuilder readUntil(java.io.Reader in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            seen.append((char) c);
            if (seen.indexOf(marker) >= 0) break;
        }
        return seen;
    }

    /** Copies the bundled sample {@code name} into {@code dir}, for commands that take a file. */
    public static Path writeSample(Path dir, String name) throws IOException {
        return java.nio.file.Files.write(dir.resolve(name), sample(name));
    }
}
