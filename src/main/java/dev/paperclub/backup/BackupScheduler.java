package dev.paperclub.backup;

import dev.paperclub.highlight.HighlightService;
import dev.paperclub.store.AuditStore;
import dev.paperclub.store.Database;
import dev.paperclub.store.MetaStore;
import dev.paperclub.util.PeriodicRoutine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running process's daily backup ({@code backup.dir}, {@code backup.time},
 * {@code backup.keep}): every {@link #TICK} it takes the day's backup once its time has passed
 * in the zone and the day has none yet ("due and not yet taken today", as the highlights: a
 * process that was down at that time takes it when it starts, a time skipped by spring-forward
 * is taken at the first valid instant, one repeated by fall-back once). Backups are named
 * {@code paperclub-YYYY-MM-DD.db}; the store remembers which files it wrote, and only those
 * are ever deleted, the oldest first, beyond the newest {@code keep}. A failure is logged and
 * audited, and tried again after {@code retryBackoff}.
 */
public final class BackupScheduler extends PeriodicRoutine<Optional<DatabaseBackup.Result>> {
    private static final Logger log = LoggerFactory.getLogger(BackupScheduler.class);
    public static final Duration TICK = Duration.ofMinutes(1);
    /** The local date of the last backup taken. */
    static final String LAST_KEY = "backup.last";
    /** The backup files this process wrote and has not deleted, one absolute path a line. */
    static final String WRITTEN_KEY = "backup.written";

    /** Where, when and how many; {@code dir} empty = no scheduled backups. */
    public record Settings(Optional<Path> dir, LocalTime time, ZoneId zone, int keep) {}

    private final Database database;
    private final MetaStore meta;
    private final AuditStore audit;
    private final Settings settings;
    private final Clock clock;
    private final Duration retryBackoff;
    private volatile Instant retryAt = Instant.MIN;

    public BackupScheduler(
            Database database,
            MetaStore meta,
            AuditStore audit,
            Settings settings,
            Clock clock,
            java.util.concurrent.ScheduledExecutorService executor,
            Duration retryBackoff) {
        super(log, "Backup scheduler", executor, TICK);
        this.database = database;
        this.meta = meta;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.retryBackoff = retryBackoff;
    }

    /** Starts ticking when backups are configured (nothing to do otherwise). */
    @Override
    public synchronized void start(Duration initialDelay) {
        if (settings.dir().isPresent()) super.start(initialDelay);
    }

    /** Takes the day's backup when it is due; the backup taken, if any. */
    @Override
    public synchronized Optional<DatabaseBackup.Result> tick() {
        if (settings.dir().isEmpty()) return Optional.empty();
        Instant now = clock.instant();
        if (now.isBefore(retryAt)) return Optional.empty();
        LocalDate today = now.atZone(settings.zone()).toLocalDate();
        if (now.isBefore(HighlightService.dueAt(today, settings.time(), settings.zone()))) return Optional.empty();
        if (meta.get(LAST_KEY)
                .map(LocalDate::parse)
                .filter(d -> !d.isBefore(today))
                .isPresent()) return Optional.empty();
        Path dir = settings.dir().get();
        Path file = dir.resolve("paperclub-" + today + ".db").toAbsolutePath();
        List<String> written = written();
        try {
            Files.createDirectories(dir);
            boolean ours = written.contains(file.toString());
            if (!ours && Files.isRegularFile(file)) {
                throw new IOException(file + " is there already and PaperClub did not write it, so it is kept;"
                        + " move it away (or point backup.dir elsewhere) and the backup is taken at the next try");
            }
            DatabaseBackup.Result r = DatabaseBackup.take(database, file, ours);
            if (!written.contains(file.toString())) written.add(file.toString());
            meta.put(LAST_KEY, today.toString());
            rotate(written);
            retryAt = Instant.MIN;
            log.info("Daily backup: {}", r.summary());
            return Optional.of(r);
        } catch (IOException | RuntimeException e) {
            retryAt = now.plus(retryBackoff);
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            log.warn("Daily backup to {} failed, trying again after {}: {}", file, retryAt, why);
            try {
                audit.record(null, AuditStore.SYSTEM_USER, "backup", file.toString(), "failed", why, now);
            } catch (RuntimeException auditFailure) {
                log.warn("Could not audit the failed backup: {}", auditFailure.getMessage());
            }
            return Optional.empty();
        }
    }

    /** Deletes the oldest backups this process wrote beyond the newest {@code keep}, and records what is left. */
    private void rotate(List<String> written) {
        // names carry the date: by file name is oldest first
        written.sort(Comparator.comparing(p -> Path.of(p).getFileName().toString()));
        List<String> kept = new ArrayList<>(written);
        while (kept.size() > settings.keep()) {
            String oldest = kept.get(0);
            try {
                Files.deleteIfExists(Path.of(oldest));
                kept.remove(0);
            } catch (IOException e) {
                log.warn(
                        "Could not delete the old backup {}: {}; trying again after the next backup",
                        oldest,
                        e.toString());
                break;
            }
        }
        meta.put(WRITTEN_KEY, String.join("\n", kept));
    }

    private List<String> written() {
        return meta.get(WRITTEN_KEY)
                .map(v -> new ArrayList<>(Arrays.asList(v.split("\n"))))
                .orElseGet(ArrayList::new);
    }
}
