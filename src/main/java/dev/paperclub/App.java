package dev.paperclub;

import dev.paperclub.config.Config;
import dev.paperclub.ingest.IngestService;
import dev.paperclub.ingest.UrlFetcher;
import dev.paperclub.store.Database;
import dev.paperclub.store.PaperStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where PaperClub's parts are built and wired, each once, and closed in
 * reverse order. Every entry point (CLI verbs, console, Discord) starts from here.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final Clock clock;
    private final Instant started;
    private final Database database;
    private final PaperStore papers;
    private final IngestService ingest;
    private final UrlFetcher urlFetcher;

    private App(Config config, Clock clock) {
        this.config = config.validate();
        this.clock = clock;
        this.started = clock.instant();
        Path dataDir = config.dataDir();
        this.database = Database.open(dataDir.resolve("paperclub.db"));
        this.papers = new PaperStore(database);
        this.ingest = new IngestService(papers, clock, config.longInRange("ingest.max-bytes", 1, Long.MAX_VALUE), () -> { });
        this.urlFetcher = new UrlFetcher(new UrlFetcher.Limits(
                config.longInRange("ingest.max-bytes", 1, Long.MAX_VALUE),
                config.bool("ingest.allow-private-urls"),
                Duration.ofSeconds(config.intInRange("ingest.connect-timeout-seconds", 1, 600)),
                Duration.ofSeconds(config.intInRange("ingest.read-timeout-seconds", 1, 3600)),
                config.intInRange("ingest.max-redirects", 0, 20)));
    }

    public static App open(Config config, Clock clock) {
        return new App(config, clock);
    }

    public Config config() { return config; }
    public Clock clock() { return clock; }
    public Instant started() { return started; }
    public Database database() { return database; }
    public PaperStore papers() { return papers; }
    public IngestService ingest() { return ingest; }
    public UrlFetcher urlFetcher() { return urlFetcher; }

    /** Figures for {@code stats}: the keys are part of the CLI contract. */
    public java.util.Map<String, Object> stats() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("papers", papers.count());
        m.put("removed", papers.removedCount());
        m.put("votes", database.read(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM votes WHERE closed_cycle_id IS NULL"); var rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }));
        m.put("db_bytes", database.sizeBytes());
        m.put("schema_version", database.schemaVersion());
        m.put("change_seq", papers.changeSequence());
        return m;
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (RuntimeException e) {
            log.warn("Closing the database failed: {}", e.getMessage());
        }
    }
}
