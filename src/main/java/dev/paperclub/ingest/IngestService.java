package dev.paperclub.ingest;

import dev.paperclub.paper.PaperRecord;
import dev.paperclub.paper.PaperUrls;
import dev.paperclub.store.Database;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.UpsertOutcome;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one input whole: {@link InputParsing} detects the format and parses it as a stream,
 * and each record is matched and merged into the store inside one transaction, together with
 * the input's {@code ingests} row, so an input is either stored whole or not at all. After the
 * commit the {@code afterCommit} hook brings the search index up to date.
 */
public final class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final int PROGRESS_EVERY = 5_000;
    static final int MAX_TITLE = 1_000;
    static final int MAX_ABSTRACT = 30_000;
    static final int MAX_AUTHORS = 5_000;

    private final PaperStore papers;
    private final Clock clock;
    private final long maxBytes;
    private final Runnable afterCommit;
    /** Where a {@link Pipeline} runs {@code afterCommit}: one thread, owned (and shut down) by the caller. */
    private final Executor indexing;

    private final InputParsing parsing;

    public IngestService(PaperStore papers, Clock clock, long maxBytes, Runnable afterCommit, Executor indexing) {
        this.papers = papers;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.afterCommit = afterCommit;
        this.indexing = indexing;
        this.parsing = new InputParsing(maxBytes);
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Ingests {@code input}; throws {@link IngestException} (nothing stored) when it is refused. */
    public IngestReport ingest(IngestInput input, IngestOptions options) throws IngestException {
        return ingest(input, options, afterCommit);
    }

    private IngestReport ingest(IngestInput input, IngestOptions options, Runnable afterCommit) throws IngestException {
        String name = input.name();
        long size = input.size();
        if (size > maxBytes) {
            throw new IngestException(name + ": " + size + " bytes is over the limit of " + maxBytes
                    + " bytes (ingest.max-bytes); split the input or raise the limit.");
        }
        InputFormat format = parsing.detect(input);
        Instant now = clock.instant();
        ParseContext ctx = new ParseContext(name, LocalDate.ofInstant(now, ZoneOffset.UTC));
        Database db = papers.database();
        try {
            Database.Work<IngestReport> work = c -> {
                Collector sink = new Collector(papers.batch(c), now, options);
                String sha;
                try {
                    sha = parsing.parse(input, format, ctx, sink);
                } catch (IngestException e) {
                    throw new Abort(e);
                } catch (CharacterCodingException e) {
                    throw new Abort(
                            new IngestException(name + ": not UTF-8 text (binary or another encoding) near line "
                                    + (sink.lastLine + 1) + "; expected " + FormatDetector.SUPPORTED + "."));
                } catch (IOException e) {
                    throw new Abort(new IngestException(name + ": cannot read: " + e.getMessage(), e));
                }
                sink.batch.finish();
                if (options.strict() && !sink.rejections.isEmpty()) {
                    throw new Abort(new IngestException(name + ": refused whole (--strict) because of "
                            + sink.rejections.size() + " bad record(s): "
                            + sink.rejections.subList(0, Math.min(5, sink.rejections.size()))));
                }
                if (sink.total() == 0 && sink.rejections.isEmpty()) {
                    throw new Abort(new IngestException(
                            name + ": read as " + format.description() + " but it holds no papers."));
                }
                papers.recordIngest(
                        c,
                        new PaperStore.IngestRecord(
                                name,
                                sha,
                                format.sourceTag(),
                                sink.added,
                                sink.updated,
                                sink.unchanged,
                                sink.rejections.size(),
                                now));
                return new IngestReport(
                        name,
                        format,
                        options.dryRun(),
                        sink.added,
                        sink.updated,
                        sink.unchanged,
                        List.copyOf(sink.rejections),
                        List.copyOf(sink.addedIds),
                        List.copyOf(sink.updatedIds),
                        List.copyOf(sink.dropped));
            };
            IngestReport report = options.dryRun() ? db.trial(work) : db.write(work);
            if (!options.dryRun()) {
                log.info("Ingested {}", report.summaryLine());
                afterCommit.run();
            }
            return report;
        } catch (Abort a) {
            throw a.cause;
        } catch (dev.paperclub.store.StoreException e) {
            // the input is one transaction: on a full disk it was rolled back whole
            if (e.diskFull()) {
                throw new IngestException(
                        name + ": the disk is full, so nothing from this input was stored; free some space"
                                + " on the disk holding the data dir and ingest it again.",
                        e);
            }
            throw e;
        }
    }

    /**
     * For ingesting several inputs in a row: each input is stored as by {@link #ingest}, but the
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
         * Stores {@code input} like {@link IngestService#ingest}; the index catches up in the
         * background. Rethrows a failure of an earlier catch-up (the stored data stays).
         */
        public IngestReport ingest(IngestInput input, IngestOptions options) throws IngestException {
            rethrowFailure(false);
            return IngestService.this.ingest(input, options, this::indexLater);
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

    /** Stores records as the parser produces them and counts outcomes. */
    private final class Collector implements RecordSink {
        final PaperStore.Batch batch;
        final Instant now;
        final IngestOptions options;
        final List<Rejection> rejections = new ArrayList<>();
        final List<Rejection> dropped = new ArrayList<>();
        final List<String> addedIds = new ArrayList<>();
        final List<String> updatedIds = new ArrayList<>();
        int added;
        int updated;
        int unchanged;
        int lastLine;

        Collector(PaperStore.Batch batch, Instant now, IngestOptions options) {
            this.batch = batch;
            this.now = now;
            this.options = options;
        }

        int total() {
            return added + updated + unchanged;
        }

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
            UpsertOutcome o;
            try {
                o = batch.upsert(r, now);
            } catch (java.sql.SQLException e) {
                throw new dev.paperclub.store.StoreException(
                        "storing the record at line " + r.line() + " failed: " + e.getMessage(), e);
            }
            switch (o.kind()) {
                case ADDED -> {
                    added++;
                    if (addedIds.size() < IngestReport.LISTED) addedIds.add(o.paperId());
                }
                case UPDATED -> {
                    updated++;
                    if (updatedIds.size() < IngestReport.LISTED) updatedIds.add(o.paperId());
                }
                case UNCHANGED -> unchanged++;
            }
            int n = total() + rejections.size();
            if (n % PROGRESS_EVERY == 0) options.progress().accept(n);
        }

        @Override
        public void reject(int line, String reason) {
            lastLine = line;
            rejections.add(new Rejection(line, reason));
        }
    }
}
