package dev.paperclub.ingest;

import dev.paperclub.paper.PaperRecord;
import dev.paperclub.paper.PaperUrls;
import dev.paperclub.store.Database;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.UpsertOutcome;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests inputs, each stored whole or not at all, in one of two ways.
 *
 * <p><b>In bounded steps</b> ({@link #ingest}, {@link #submit}; what a running PaperClub and a CLI
 * {@code ingest} beside it use): the whole input is first parsed and checked into a spool file
 * under the data dir ({@link Spool}) while nothing in the store changes, so a parse failure
 * anywhere in it (not UTF-8 at the end, a {@code --strict} rejection, an empty input) stores
 * nothing. Then one short transaction inserts its {@code ingest_queue} row: the commit point.
 * Then its records are merged into the store in transactions of about {@value #STEP_MILLIS} ms
 * each, every one of which also records how far the input is applied; between two steps the
 * (fair) write lock lets any waiting write in, so a vote never waits behind an ingest for more
 * than one step. A crash after the commit point leaves the input queued, and whichever process
 * opens the data dir next completes it ({@link #applyQueued}) before it does anything else. The
 * commit point waits for the disk; the steps do not ({@link Database#writeUndurably}): a step a
 * power cut undoes took its progress with it, so it is simply applied again.
 *
 * <p><b>What a reader sees during an apply</b>: the store shows the input's papers step by step,
 * each step's papers all at once (a reader never sees half a paper, nor a paper without its
 * change sequence); the input's {@code ingests} row and its report appear with its last step.
 * Search shows them as the index catches up: every couple of seconds during a long apply (on the
 * indexing thread, beside the next steps), and once more when the input is complete ({@code
 * afterCommit}), so search may show part of an input while the rest is being stored. The merge
 * rules and the report are those of one transaction: the records are applied in the input's
 * order on one thread, each step seeing the ones before it.
 *
 * <p><b>In one transaction</b> ({@link Pipeline}, the standalone CLI {@code ingest}, which holds
 * the data dir alone and has no members to keep waiting; and dry runs, which are rolled back):
 * the records are merged as the parser produces them, with no spool, which keeps a large
 * standalone ingest as fast as it was.
 *
 * <p>{@code ingest.max-bytes} caps inputs that arrived over the network ({@link
 * IngestInput#fromNetwork()}): a local file is read whole however large, in bounded memory.
 */
public final class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final int PROGRESS_EVERY = 5_000;
    /** How long one step of an apply holds the write lock, at most (plus one record). */
    static final int STEP_MILLIS = 25;
    /** During a long apply, the index takes what is stored so far about this often (so search shows it sooner). */
    private static final long CATCH_UP_EVERY_NANOS = 2_000_000_000L;
    /** Each attempt waits up to SQLite's busy timeout (10 s): about ten minutes in all. */
    private static final int ENQUEUE_ATTEMPTS = 60;
    /** Spool files older than this and named by no queued input are left from a failed parse or a crash. */
    private static final Duration STALE_SPOOL = Duration.ofHours(1);

    static final int MAX_TITLE = 1_000;
    static final int MAX_ABSTRACT = 30_000;
    static final int MAX_AUTHORS = 5_000;

    private final PaperStore papers;
    private final Clock clock;
    private final long maxBytes;
    private final Runnable afterCommit;
    /** Where a {@link Pipeline} runs {@code afterCommit}: one thread, owned (and shut down) by the caller. */
    private final Executor indexing;

    private final Arrivals arrivals;
    private final Path spoolDir;
    private final InputParsing parsing;
    /** One apply at a time, in queue order: inputs are merged in the order they were committed. */
    private final Object applying = new Object();
    /** Spool files of inputs whose in-process caller announces their arrival itself. */
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();

    private final LiveIndexing live;

    public IngestService(PaperStore papers, Clock clock, long maxBytes, Runnable afterCommit, Executor indexing) {
        this(papers, clock, maxBytes, afterCommit, indexing, Arrivals.NONE);
    }

    /**
     * @param arrivals told of each input this service applies from the queue that no caller in this
     *     process waits for (a CLI {@code ingest} beside it, an input a crash left queued)
     */
    public IngestService(
            PaperStore papers, Clock clock, long maxBytes, Runnable afterCommit, Executor indexing, Arrivals arrivals) {
        this(papers, clock, maxBytes, afterCommit, indexing, arrivals, LiveIndexing.NONE);
    }

    /**
     * @param live indexes a {@link Pipeline}'s inputs while their transaction stores them (the
     *     after-commit hook then finds the index caught up)
     */
    public IngestService(
            PaperStore papers,
            Clock clock,
            long maxBytes,
            Runnable afterCommit,
            Executor indexing,
            Arrivals arrivals,
            LiveIndexing live) {
        this.live = live;
        this.papers = papers;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.afterCommit = afterCommit;
        this.indexing = indexing;
        this.arrivals = arrivals;
        this.spoolDir = papers.database().file().toAbsolutePath().resolveSibling(SPOOL_DIR);
        this.parsing = new InputParsing(maxBytes);
    }

    /** The spool folder's name in the data dir. */
    public static final String SPOOL_DIR = "ingest-spool";

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Ingests {@code input} in bounded steps and returns once it is stored whole and the index has
     * caught up; throws {@link IngestException} (nothing stored) when it is refused. A dry run is
     * one rolled-back transaction.
     */
    public IngestReport ingest(IngestInput input, IngestOptions options) throws IngestException {
        return ingest(input, options, input.name(), null, false);
    }

    /**
     * As {@link #ingest(IngestInput, IngestOptions)}, naming who brought the input ({@code origin},
     * {@code guildId}), and telling {@link Arrivals} of every paper it added or updated (the report
     * lists at most {@value IngestReport#LISTED} of each; the arrival all of them). A crash that
     * leaves the input queued has the next start complete it and tell {@link Arrivals}.
     */
    public IngestReport ingest(IngestInput input, IngestOptions options, String origin, String guildId)
            throws IngestException {
        return ingest(input, options, origin, guildId, true);
    }

    private IngestReport ingest(IngestInput input, IngestOptions options, String origin, String guildId, boolean tell)
            throws IngestException {
        if (options.dryRun()) return inOneTransaction(input, options, afterCommit);
        Staged staged = stage(input, options);
        String spool = staged.spool().getFileName().toString();
        claimed.add(spool);
        try {
            long id = enqueue(staged, origin, guildId);
            synchronized (applying) {
                try {
                    applyPending(id);
                } catch (dev.paperclub.store.StoreException e) {
                    if (!e.diskFull()) throw e;
                    throw diskFilled(staged, id, e);
                }
            }
            IngestReport report = papers.database()
                    .read(c -> IngestQueue.find(c, id))
                    .orElseThrow()
                    .report();
            Arrivals.Arrival arrival = arrivedFor.remove(spool);
            if (tell && arrival != null) tellArrivals(arrival, origin);
            return report;
        } finally {
            claimed.remove(spool);
            arrivedFor.remove(spool);
        }
    }

    /**
     * Parses and checks {@code input} whole into a spool file, then queues it (the commit point)
     * for the process that holds the data dir to apply; returns its queue id. Throws {@link
     * IngestException} (nothing queued, nothing stored) when the input is refused. See {@link
     * #queued(long)} for its progress.
     */
    public long submit(IngestInput input, IngestOptions options, String origin) throws IngestException {
        return enqueue(stage(input, options), origin, null);
    }

    /** A queued input's progress: records applied of its total; its report once it is stored whole. */
    public record Queued(long id, int applied, int records, IngestReport report) {
        public boolean done() {
            return report != null;
        }
    }

    /** A queued input's progress, read without waiting on any write. */
    public Optional<Queued> queued(long id) {
        return papers.database()
                .read(c -> IngestQueue.find(c, id))
                .map(e -> new Queued(e.id(), e.applied(), e.records(), e.done() ? e.report() : null));
    }

    /** Whether inputs are queued and not yet applied whole (one small indexed query). */
    public boolean hasQueued() {
        return !papers.database().read(IngestQueue::pending).isEmpty();
    }

    /**
     * Applies every queued input, oldest first, each in bounded steps, bringing the index up to
     * date after each; the process that holds the data dir calls it at start and whenever a
     * queued input shows up. Returns how many inputs it completed.
     */
    public int applyQueued() {
        synchronized (applying) {
            return applyPending(Long.MAX_VALUE);
        }
    }

    /** Applies the queued inputs up to id {@code last}; the caller holds {@link #applying}. */
    private int applyPending(long last) {
        int completed = 0;
        for (long id : papers.database().read(IngestQueue::pending)) {
            if (id > last) break;
            apply(id);
            completed++;
        }
        return completed;
    }

    /** Applies one queued input from where it stands, in steps of about {@value #STEP_MILLIS} ms. */
    private void apply(long id) {
        Database db = papers.database();
        IngestQueue.Entry e = db.read(c -> IngestQueue.find(c, id)).orElseThrow();
        if (e.done()) return;
        Path file = spoolDir.resolve(e.spool());
        int applied = e.applied();
        Counts counts = e.counts();
        // every paper the input adds or updates, for Arrivals (the queue row keeps only the first ones: an input a
        // crash interrupted tells of those and of what it applies from here on)
        java.util.Set<String> added = new java.util.LinkedHashSet<>(counts.addedIds);
        java.util.Set<String> updated = new java.util.LinkedHashSet<>(counts.updatedIds);
        long lastCatchUp = System.nanoTime();
        try (Spool.Reader spool = new Spool.Reader(file)) {
            spool.skip(applied);
            while (true) { // at least one step: an input of only rejected records is recorded done by it
                int from = applied;
                // A step records its progress with its papers, so one that a power cut undoes is simply applied
                // again from the (durable) queue row: steps need not wait for the disk. A step that fails ends
                // this apply (its counts and ids are dropped with it); the next one starts from the queue row.
                applied += db.writeUndurably(c -> step(c, e, spool, from, counts, added, updated));
                if (applied == e.records()) break;
                if (System.nanoTime() - lastCatchUp > CATCH_UP_EVERY_NANOS) {
                    // the index takes what is stored so far on its own thread, beside the next steps
                    catchUpBeside();
                    lastCatchUp = System.nanoTime();
                }
                Thread.sleep(1); // a window for another process's write (a CLI queueing an input)
            }
        } catch (IOException ex) {
            throw new dev.paperclub.store.StoreException(
                    "the queued input " + e.source() + " cannot be applied: its spool file " + file
                            + " cannot be read (" + ex.getMessage() + "); it stays queued",
                    ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new dev.paperclub.store.StoreException(
                    "interrupted while applying " + e.source()
                            + "; it is completed when PaperClub next opens the data dir",
                    ex);
        }
        log.info(
                "Ingested {}",
                counts.report(e.source(), e.format(), false, e.parsed().rejections(), List.of())
                        .summaryLine());
        deleteQuietly(file);
        afterCommit.run();
        Arrivals.Arrival arrival =
                new Arrivals.Arrival(e.origin(), e.guildId(), List.copyOf(added), List.copyOf(updated));
        if (claimed.contains(e.spool())) arrivedFor.put(e.spool(), arrival); // its caller tells, or not (a feed)
        else tellArrivals(arrival, e.source());
    }

    private void tellArrivals(Arrivals.Arrival arrival, String source) {
        try {
            arrivals.arrived(arrival);
        } catch (RuntimeException ex) {
            log.warn("Telling of the arrivals from {} failed: {}", source, ex.toString());
        }
    }

    /** The arrivals of inputs applied for a caller in this process ({@link #claimed}), by spool file, until it takes them. */
    private final java.util.Map<String, Arrivals.Arrival> arrivedFor = new java.util.concurrent.ConcurrentHashMap<>();

    /** A catch-up is queued on the indexing thread and has not started: another request needs no second one. */
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();

    private void catchUpBeside() {
        if (!catchUpQueued.compareAndSet(false, true)) return;
        try {
            indexing.execute(() -> {
                catchUpQueued.set(false);
                try {
                    afterCommit.run();
                } catch (RuntimeException e) {
                    log.warn(
                            "Updating the search index during an ingest failed (it catches up after it): {}",
                            e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            catchUpQueued.set(false); // shutting down: the catch-up after the input, or at the next start, does it
        }
    }

    /**
     * One step: applies records for about {@value #STEP_MILLIS} ms, adding them to the input's
     * {@code counts} and to the papers it {@code added} and {@code updated}, and records how far the
     * input now is; returns how many records it applied.
     */
    private int step(
            Connection c,
            IngestQueue.Entry e,
            Spool.Reader spool,
            int from,
            Counts counts,
            Set<String> added,
            Set<String> updated)
            throws SQLException {
        PaperStore.Batch batch = papers.batch(c);
        long deadline = System.nanoTime() + STEP_MILLIS * 1_000_000L;
        int n = 0;
        while (from + n < e.records()) {
            PaperRecord r = spool.next();
            if (r == null) throw new SQLException("the spool file of " + e.source() + " ends early");
            UpsertOutcome outcome = upsert(batch, r, e.queuedAt());
            counts.count(outcome);
            if (outcome.kind() == UpsertOutcome.Kind.ADDED) added.add(outcome.paperId());
            else if (outcome.kind() == UpsertOutcome.Kind.UPDATED) updated.add(outcome.paperId());
            n++;
            if (System.nanoTime() > deadline) break;
        }
        batch.finish();
        boolean done = from + n == e.records();
        IngestQueue.progress(c, e.id(), from + n, counts, done ? clock.instant() : null);
        if (done) {
            papers.recordIngest(
                    c,
                    new PaperStore.IngestRecord(
                            e.source(),
                            e.sha256(),
                            e.format().sourceTag(),
                            counts.added,
                            counts.updated,
                            counts.unchanged,
                            e.parsed().rejections().size(),
                            e.queuedAt()));
        }
        return n;
    }

    private static UpsertOutcome upsert(PaperStore.Batch batch, PaperRecord r, Instant now) {
        try {
            return batch.upsert(r, now);
        } catch (SQLException e) {
            throw new dev.paperclub.store.StoreException(
                    "storing the record at line " + r.line() + " failed: " + e.getMessage(), e);
        }
    }

    /** Parses and checks {@code input} whole into a new spool file; nothing in the store changes. */
    private Staged stage(IngestInput input, IngestOptions options) throws IngestException {
        String name = input.name();
        checkCap(input);
        InputFormat format = parsing.detect(input);
        ParseContext ctx = new ParseContext(name, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        Path file = spoolDir.resolve(UUID.randomUUID() + ".jsonl");
        boolean staged = false;
        try {
            Files.createDirectories(spoolDir);
            try (Spool.Writer w = new Spool.Writer(file)) {
                Checker sink = new Checker(options) {
                    @Override
                    void store(PaperRecord r) throws IngestException {
                        try {
                            w.write(r);
                        } catch (IOException e) {
                            throw new IngestException(
                                    name + ": cannot stage it in " + spoolDir + ": " + e.getMessage(), e);
                        }
                    }
                };
                String sha = parseChecked(input, format, ctx, sink, options);
                w.sync(file);
                staged = true;
                return new Staged(
                        name,
                        format,
                        sha,
                        file,
                        sink.accepted,
                        new IngestQueue.Parsed(List.copyOf(sink.rejections), List.copyOf(sink.dropped)));
            }
        } catch (IOException e) {
            throw new IngestException(
                    name + ": cannot stage it in " + spoolDir + " (nothing from this input was stored): "
                            + e.getMessage(),
                    e);
        } finally {
            if (!staged) deleteQuietly(file);
        }
    }

    /** The commit point: the input's queue row. A write by another process may hold SQLite's lock a while: retried. */
    private long enqueue(Staged s, String origin, String guildId) throws IngestException {
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return papers.database().write(c -> IngestQueue.insert(c, s, origin, guildId, clock.instant()));
                } catch (dev.paperclub.store.StoreException e) {
                    // another process holds SQLite's write lock for long (a standalone ingest's one transaction)
                    if (!e.busy() || attempt == ENQUEUE_ATTEMPTS) throw e;
                    log.info("The database is busy with another process's write; queueing {} again", s.source());
                }
            }
        } catch (dev.paperclub.store.StoreException e) {
            deleteQuietly(s.spool());
            if (e.diskFull()) throw new IngestException(diskFull(s.source()), e);
            throw e;
        }
    }

    /**
     * The disk filled up while {@code s} was applied: when none of it is stored yet, it is taken off
     * the queue (nothing stored, as a refused input); else what is stored stays, and the rest is
     * stored once there is room (the input stays queued).
     */
    private IngestException diskFilled(Staged s, long id, dev.paperclub.store.StoreException e) {
        Database db = papers.database();
        int applied = db.read(c -> IngestQueue.find(c, id)).orElseThrow().applied();
        if (applied == 0) {
            try {
                db.write(c -> IngestQueue.remove(c, id));
                deleteQuietly(s.spool());
                return new IngestException(diskFull(s.source()), e);
            } catch (dev.paperclub.store.StoreException stillFull) {
                e.addSuppressed(stillFull);
            }
        }
        return new IngestException(
                s.source() + ": the disk filled up after " + applied + " of " + s.records() + " records were"
                        + " stored; free some space on the disk holding the data dir: PaperClub then stores the rest"
                        + " of this input (it stays queued), at the latest when it next starts.",
                e,
                true);
    }

    private static String diskFull(String source) {
        return source + ": the disk is full, so nothing from this input was stored; free some space"
                + " on the disk holding the data dir and ingest it again.";
    }

    /** Deletes spool files that no queued input names and that are older than an hour (a failed parse, a crash). */
    public void removeStaleSpools() {
        if (!Files.isDirectory(spoolDir)) return;
        Set<String> needed = new java.util.HashSet<>(papers.database().read(IngestQueue::pendingSpools));
        Instant before = clock.instant().minus(STALE_SPOOL);
        try (var files = Files.list(spoolDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (needed.contains(f.getFileName().toString())) continue;
                if (Files.getLastModifiedTime(f).toInstant().isBefore(before)) deleteQuietly(f);
            }
        } catch (IOException e) {
            log.debug("cleaning {} failed: {}", spoolDir, e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("cannot delete {}: {}", file, e.getMessage());
        }
    }

    private void checkCap(IngestInput input) throws IngestException {
        long size = input.size();
        if (input.fromNetwork() && size > maxBytes) {
            throw new IngestException(input.name() + ": " + size + " bytes is over the limit of " + maxBytes
                    + " bytes (ingest.max-bytes); split the input or raise the limit.");
        }
    }

    /**
     * Parses {@code input} into {@code sink} and applies the whole-input refusals (not UTF-8, not
     * readable, {@code --strict} with a bad record, no papers at all); returns the input's SHA-256.
     */
    private String parseChecked(
            IngestInput input, InputFormat format, ParseContext ctx, Checker sink, IngestOptions options)
            throws IngestException {
        String name = input.name();
        String sha;
        try {
            sha = parsing.parse(input, format, ctx, sink);
        } catch (CharacterCodingException e) {
            throw new IngestException(name + ": not UTF-8 text (binary or another encoding) near line "
                    + (sink.lastLine + 1) + "; expected " + FormatDetector.SUPPORTED + ".");
        } catch (IOException e) {
            throw new IngestException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (options.strict() && !sink.rejections.isEmpty()) {
            throw new IngestException(name + ": refused whole (--strict) because of " + sink.rejections.size()
                    + " bad record(s): " + sink.rejections.subList(0, Math.min(5, sink.rejections.size())));
        }
        if (sink.accepted == 0 && sink.rejections.isEmpty()) {
            throw new IngestException(name + ": read as " + format.description() + " but it holds no papers.");
        }
        return sha;
    }

    /** Stores {@code input} in one transaction as the parser reads it (rolled back for a dry run). */
    private IngestReport inOneTransaction(IngestInput input, IngestOptions options, Runnable afterCommit)
            throws IngestException {
        String name = input.name();
        checkCap(input);
        InputFormat format = parsing.detect(input);
        Instant now = clock.instant();
        ParseContext ctx = new ParseContext(name, LocalDate.ofInstant(now, ZoneOffset.UTC));
        Database db = papers.database();
        try {
            return options.dryRun()
                    ? db.trial(storeWhole(input, format, ctx, options, now, change -> {}))
                    : committed(
                            live.whileStoring(stored -> db.write(storeWhole(input, format, ctx, options, now, stored))),
                            afterCommit);
        } catch (Abort a) {
            throw a.cause;
        } catch (dev.paperclub.store.StoreException e) {
            // the input is one transaction: on a full disk it was rolled back whole
            if (e.diskFull()) throw new IngestException(diskFull(name), e);
            throw e;
        }
    }

    private static IngestReport committed(IngestReport report, Runnable afterCommit) {
        log.info("Ingested {}", report.summaryLine());
        afterCommit.run();
        return report;
    }

    /** The transaction that stores {@code input} whole, handing each change it makes to {@code stored}. */
    private Database.Work<IngestReport> storeWhole(
            IngestInput input,
            InputFormat format,
            ParseContext ctx,
            IngestOptions options,
            Instant now,
            java.util.function.Consumer<dev.paperclub.store.PaperChange> stored) {
        String name = input.name();
        return c -> {
            PaperStore.Batch batch = papers.batch(c, stored);
            Counts counts = new Counts();
            Checker sink = new Checker(options) {
                @Override
                void store(PaperRecord r) {
                    counts.count(upsert(batch, r, now));
                }
            };
            String sha;
            try {
                sha = parseChecked(input, format, ctx, sink, options);
            } catch (IngestException e) {
                throw new Abort(e);
            }
            batch.finish();
            papers.recordIngest(
                    c,
                    new PaperStore.IngestRecord(
                            name,
                            sha,
                            format.sourceTag(),
                            counts.added,
                            counts.updated,
                            counts.unchanged,
                            sink.rejections.size(),
                            now));
            return counts.report(name, format, options.dryRun(), sink.rejections, sink.dropped);
        };
    }

    /**
     * For ingesting several inputs in a row, each in one transaction (the standalone CLI {@code
     * ingest}: no member waits on it): the
     * after-commit hook (the index catching up) runs on the indexing thread while the next input
     * is parsed and stored, and {@link Pipeline#close()} waits for it. Store and index then work
     * at the same time, and the index takes the changes of several inputs in one catch-up when
     * it falls behind.
     */
    public Pipeline pipeline() {
        return new Pipeline();
    }

    /** See {@link #pipeline()}. Not thread-safe: one caller feeds it. */
    public final class Pipeline implements AutoCloseable {
        /** A catch-up is queued and has not started: a later commit needs no second one. */
        private final AtomicBoolean queued = new AtomicBoolean();

        private Future<?> last = CompletableFuture.completedFuture(null);

        private Pipeline() {}

        /**
         * Stores {@code input} in one transaction; the index catches up in the
         * background. Rethrows a failure of an earlier catch-up (the stored data stays).
         */
        public IngestReport ingest(IngestInput input, IngestOptions options) throws IngestException {
            rethrowFailure(false);
            return inOneTransaction(input, options, this::indexLater);
        }

        private void indexLater() {
            if (!queued.compareAndSet(false, true)) return;
            last = CompletableFuture.runAsync(
                    () -> {
                        queued.set(false);
                        afterCommit.run();
                    },
                    indexing);
        }

        /** Whether the index is still catching up with what was stored. */
        public boolean indexing() {
            return !last.isDone();
        }

        /** Waits until the index has caught up with every stored input. */
        @Override
        public void close() {
            rethrowFailure(true);
        }

        private void rethrowFailure(boolean wait) {
            if (!wait && !last.isDone()) return;
            try {
                last.get();
            } catch (ExecutionException e) {
                last = CompletableFuture.completedFuture(null);
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "interrupted while the search index caught up; it catches up at the next start");
            }
        }
    }

    /** Carries an IngestException out of a database transaction, which then rolls back. */
    private static final class Abort extends RuntimeException {
        final IngestException cause;

        Abort(IngestException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    /** Checks records as the parser produces them, hands the good ones to {@link #store} and keeps the rest. */
    private abstract static class Checker implements RecordSink {
        final IngestOptions options;
        final List<Rejection> rejections = new ArrayList<>();
        final List<Rejection> dropped = new ArrayList<>();
        int accepted;
        int lastLine;

        Checker(IngestOptions options) {
            this.options = options;
        }

        abstract void store(PaperRecord r) throws IngestException;

        @Override
        public void accept(PaperRecord r) throws IngestException {
            lastLine = r.line();
            if (r.title().isEmpty()) {
                reject(r.line(), "no title");
                return;
            }
            if (r.abstractText().isEmpty()) {
                reject(r.line(), "'" + HfPageParser.shorten(r.title()) + "' has no abstract");
                return;
            }
            // caps keep hostile or broken inputs from bloating the store and the index
            if (r.title().length() > MAX_TITLE) {
                reject(r.line(), "title longer than " + MAX_TITLE + " characters");
                return;
            }
            if (r.abstractText().length() > MAX_ABSTRACT) {
                reject(
                        r.line(),
                        "'" + HfPageParser.shorten(r.title()) + "' has an abstract longer than " + MAX_ABSTRACT
                                + " characters");
                return;
            }
            if (r.authors().size() > MAX_AUTHORS) {
                reject(
                        r.line(),
                        "'" + HfPageParser.shorten(r.title()) + "' lists more than " + MAX_AUTHORS + " authors");
                return;
            }
            if (r.url() != null && !PaperUrls.isValid(r.url())) {
                // one unreadable link must not cost the paper, nor reach a message Discord would refuse
                dropped.add(new Rejection(
                        r.line(),
                        "'" + HfPageParser.shorten(r.title()) + "' kept without its link (" + PaperUrls.problem(r.url())
                                + ")"));
                r = r.withoutUrl();
            }
            store(r);
            accepted++;
            int n = accepted + rejections.size();
            if (n % PROGRESS_EVERY == 0) options.progress().accept(n);
        }

        @Override
        public void reject(int line, String reason) {
            lastLine = line;
            rejections.add(new Rejection(line, reason));
        }
    }
}
