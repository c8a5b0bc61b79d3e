package dev.paperclub;

import dev.paperclub.config.AppSettings;
import dev.paperclub.config.Config;
import dev.paperclub.ingest.IngestException;
import dev.paperclub.ingest.IngestInput;
import dev.paperclub.ingest.IngestOptions;
import dev.paperclub.ingest.IngestReport;
import dev.paperclub.ingest.IngestService;
import dev.paperclub.ingest.UrlFetcher;
import dev.paperclub.store.Database;
import dev.paperclub.store.PaperStore;
import dev.paperclub.util.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;

/**
 * What the {@code ingest} verb and the console's sample corpus store papers with: the ingest
 * service, and the fetcher that downloads an input given as a URL. {@link App#ingestion()} hands
 * it out; {@link #beside} makes one for a CLI {@code ingest} beside the process that holds the data dir.
 */
public final class Ingestion implements AutoCloseable {
    private final IngestService service;
    private final UrlFetcher urls;
    /** The database this view opened itself (beside a running process); null when an App owns it. */
    private final Database owned;

    Ingestion(IngestService service, UrlFetcher urls) {
        this(service, urls, null);
    }

    private Ingestion(IngestService service, UrlFetcher urls, Database owned) {
        this.service = service;
        this.urls = urls;
        this.owned = owned;
    }

    /**
     * For a CLI {@code ingest} while {@code run} or {@code console} holds the data dir: just the
     * database (its owner already brought the schema up to date), through which inputs are parsed,
     * checked and queued ({@link IngestService#submit}) for the running process to apply and index.
     * Close it when done.
     */
    public static Ingestion beside(Config config, Clock clock) {
        AppSettings settings = AppSettings.from(config);
        Database db = Database.open(settings.dataDir().resolve(App.DATABASE_FILE));
        db.leaveCheckpointToOwner();
        IngestService service =
                new IngestService(new PaperStore(db), clock, settings.ingest().maxBytes(), () -> {}, Runnable::run);
        return new Ingestion(service, App.urlFetcher(settings.ingest()), db);
    }

    /**
     * A dry run beside the running process: compares {@code input} with a snapshot copy of the
     * database (SQLite's online backup, which a WAL writer does not wait for), so the trial
     * transaction holds no lock the running process's writes would wait on.
     */
    public IngestReport dryRunOnSnapshot(IngestInput input, IngestOptions options, Clock clock) throws IngestException {
        Path dir;
        try {
            dir = Files.createTempDirectory("paperclub-dry-run-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the dry run: " + e.getMessage(), e);
        }
        try {
            Path copy = dir.resolve(App.DATABASE_FILE);
            owned.read(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("backup to " + copy.toAbsolutePath());
                }
                return null;
            });
            try (Database snapshot = Database.open(copy)) {
                return new IngestService(new PaperStore(snapshot), clock, service.maxBytes(), () -> {}, Runnable::run)
                        .ingest(input, options);
            }
        } finally {
            try {
                FileTrees.delete(dir);
            } catch (IOException | UncheckedIOException e) {
                // only a temporary folder is left behind; the system cleans those
            }
        }
    }

    /** Stores inputs one after another while the search index takes the previous one. */
    public IngestService.Pipeline pipeline() {
        return service.pipeline();
    }

    /** Downloads the input at {@code url}, within the configured limits. */
    public IngestInput fetch(String url) throws IngestException {
        return urls.fetch(url);
    }

    /** The ingest service itself, for what stores papers directly (the sample corpus). */
    public IngestService service() {
        return service;
    }

    @Override
    public void close() {
        if (owned != null) owned.close();
    }
}
