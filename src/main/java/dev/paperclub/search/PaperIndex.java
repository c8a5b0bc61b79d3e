package dev.paperclub.search;

import dev.paperclub.paper.Paper;
import dev.paperclub.util.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of papers, derived from the SQLite store and rebuildable from it.
 *
 * <p>One {@link IndexWriter} (shared, never synchronized on) and a {@link SearcherManager}
 * opened from it, refreshed by a background task every {@value #REFRESH_MILLIS} ms;
 * {@link #refresh()} gives read-after-write when a caller needs it. Beside the process that writes
 * it, {@link #openReadOnly} reads its commits with no writer at all.
 *
 * <p>Durability contract with the store: {@link #commit(long)} records the store's change
 * sequence in the commit's user data, and {@link #committedSequence()} reads it back. Writes
 * after the last commit are not durable ({@link #close()} does not commit, so a crash and a
 * plain close behave the same). At start the caller replays every store change newer than
 * {@code committedSequence()}; upserts and deletes are keyed on the id, so replaying a change
 * the index already has is harmless.
 *
 * <p>Vectors: a paper's document carries its embedding when the {@link VectorLookup} (the
 * store's vector cache) has one for the index's vector model, which the commit records
 * ({@link #vectorModel()}). Every document is built in {@code toDocument}, so a lexical
 * re-index of a paper keeps its vector, and the embedding worker adds a vector by simply
 * upserting the paper again.
 */
public final class PaperIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PaperIndex.class);
    static final String SEQUENCE_KEY = "store.sequence";
    /** Commit user data: the id of the embedding model whose vectors the documents carry ("" = none yet). */
    static final String MODEL_KEY = "vectors.model";

    private static final long REFRESH_MILLIS = 200;
    /**
     * Commit user data: the document layout ({@code toDocument}) the index was written with.
     * Lucene refuses a field whose indexing changes within one index, so a different layout
     * means a rebuild. 2: the abstract is stored, not indexed (highlighted by re-analysis).
     * 3: English analysis folds before it strips possessives (one tokenization feeds every field).
     * 4: autocomplete indexes 1-3 letter n-grams and whole words, and the title start is read from
     * the title key's doc values (a fifth less indexing work).
     */
    static final String SCHEMA_KEY = "index.schema";

    static final String SCHEMA = "4";

    /** Existence-only terms: no frequencies, positions or norms are ever used on them. */
    private static final FieldType DOCS_ONLY = new FieldType();

    static {
        DOCS_ONLY.setIndexOptions(IndexOptions.DOCS);
        DOCS_ONLY.setTokenized(true);
        DOCS_ONLY.setOmitNorms(true);
        DOCS_ONLY.freeze();
    }

    private final Directory directory;
    private final PaperAnalyzer analyzer;
    /** Null when the index is open for reading only ({@link #openReadOnly}). */
    private final IndexWriter writer;

    private final SearcherManager searchers;
    /** Reads ahead at open and indexes a bulk load's parts at once. */
    private final ExecutorService work;
    /** The refresh scheduler and work pool when {@link #open} made them (else the caller's, which it shuts down). */
    private final List<ExecutorService> ownThreads;

    private final ScheduledFuture<?> refreshTask;
    private volatile long committedSequence;
    private volatile String vectorModel;
    private volatile boolean schemaCurrent;
    /** Set by {@link #openReplacingDamaged} when this index replaced a damaged one. */
    private volatile boolean replacedDamaged;
    /** Documents changed since the last commit (close() must then drop them, as a crash would). */
    private final AtomicBoolean dirty = new AtomicBoolean();
    /** This process wrote to the index: closing lets the merges that caused finish and keeps them. */
    private volatile boolean wrote;

    private volatile VectorLookup vectors = VectorLookup.NONE;
    private volatile boolean rebuilding;
    /** Bulk loads in progress: the background refresh waits, so a large ingest is not cut into tiny segments. */
    private final AtomicInteger bulk = new AtomicInteger();
    /** Orders refreshes against the start of a rebuild (a plain lock: the writer is never synchronized on). */
    private final Object refreshGate = new Object();

    /**
     * Opens or creates the index in {@code dir}, refreshing searchers on {@code scheduler} and
     * doing parallel work (reading ahead, bulk loads) on {@code work} (see {@link #workPool()});
     * both are owned by the caller, who shuts them down.
     */
    public PaperIndex(Path dir, AnalysisOptions options, ScheduledExecutorService scheduler, ExecutorService work)
            throws IOException {
        this(dir, options, scheduler, work, List.of(), null);
    }

    private PaperIndex(
            Path dir,
            AnalysisOptions options,
            ScheduledExecutorService scheduler,
            ExecutorService work,
            List<ExecutorService> ownThreads,
            org.apache.lucene.index.MergeScheduler merges)
            throws IOException {
        IndexPrefetch.prefetch(dir, work);
        this.directory = FSDirectory.open(dir);
        this.analyzer = new PaperAnalyzer(options);
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setSimilarity(new BM25Similarity())
                // Only commit(seq) makes changes durable, so the sequence always matches.
                .setCommitOnClose(false)
                .setRAMBufferSizeMB(64);
        if (merges != null) config.setMergeScheduler(merges);
        IndexWriter opened = null;
        try {
            opened = new IndexWriter(directory, config);
            if (!DirectoryReader.indexExists(directory)) {
                opened.setLiveCommitData(
                        Map.of(SEQUENCE_KEY, "0", SCHEMA_KEY, SCHEMA).entrySet());
                opened.commit();
            }
            this.committedSequence = readCommittedSequence(directory);
            Map<String, String> userData =
                    SegmentInfos.readLatestCommit(directory).getUserData();
            this.vectorModel = userData.getOrDefault(MODEL_KEY, "");
            this.schemaCurrent = SCHEMA.equals(userData.get(SCHEMA_KEY));
            this.searchers = new SearcherManager(opened, new SearcherFactory());
        } catch (IOException | RuntimeException e) {
            // The writer holds the directory's write lock (in this JVM too): release it, or
            // nothing, not even an index recreated at this path, could open here again.
            if (opened != null) {
                try {
                    opened.rollback();
                } catch (IOException | RuntimeException other) {
                    e.addSuppressed(other);
                }
            }
            directory.close();
            throw e;
        }
        this.writer = opened;
        this.work = work;
        this.ownThreads = ownThreads;
        this.refreshTask = scheduler.scheduleWithFixedDelay(
                this::backgroundRefresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * The index's last commit, for reading only, beside the process that writes it (which holds
     * the write lock): no writer, so nothing here writes to {@code dir}. Searches see what the
     * writer had committed when they were refreshed; every write method throws.
     */
    private PaperIndex(
            Directory directory, AnalysisOptions options, ScheduledExecutorService scheduler, ExecutorService work)
            throws IOException {
        this.directory = directory;
        this.analyzer = new PaperAnalyzer(options);
        try {
            this.searchers = new SearcherManager(directory, new SearcherFactory());
        } catch (IOException | RuntimeException e) {
            analyzer.close();
            throw e;
        }
        this.writer = null;
        this.work = work;
        this.ownThreads = List.of();
        readSearchersCommit();
        this.refreshTask = scheduler.scheduleWithFixedDelay(
                this::backgroundRefresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the last commit of the index in {@code dir} for reading only (see the read-only
     * constructor): another process, which holds the write lock, keeps writing it; refreshes see
     * its later commits. An index that was never committed throws
     * {@link org.apache.lucene.index.IndexNotFoundException}.
     */
    public static PaperIndex openReadOnly(
            Path dir, AnalysisOptions options, ScheduledExecutorService scheduler, ExecutorService work)
            throws IOException {
        IndexPrefetch.prefetch(dir, work);
        Directory directory = FSDirectory.open(dir);
        try {
            return new PaperIndex(directory, options, scheduler, work);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** True when another writer (another process, or another index open in this one) holds {@code dir}'s write lock. */
    public static boolean writeLocked(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) return false;
        try (Directory d = FSDirectory.open(dir);
                org.apache.lucene.store.Lock lock = d.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            lock.ensureValid();
            return false;
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            return true;
        } catch (IOException e) {
            return false; // opening it for writing says what is wrong
        }
    }

    /**
     * Opens or creates the index in {@code dir} like the constructor, except that an index
     * whose files are damaged (corrupt, truncated or missing files, a format this version
     * cannot read) is moved aside to a sibling {@code index.damaged-<time>} (nothing is
     * deleted) and replaced by an empty one, which {@link #replacedDamaged()} then flags for a
     * rebuild from the store. A lock held by another writer is not damage: it is thrown as an
     * {@link IndexInUseException}; anything else is thrown as it is.
     *
     * @param now when this happens, for the name of the damaged copy
     */
    public static PaperIndex openReplacingDamaged(
            Path dir, AnalysisOptions options, ScheduledExecutorService scheduler, ExecutorService work, Instant now)
            throws IOException {
        try {
            return new PaperIndex(dir, options, scheduler, work);
        } catch (IOException e) {
            if (IndexDamage.locked(e))
                throw new IndexInUseException("the search index in " + dir + " is in use by another writer", e);
            Optional<String> damage = IndexDamage.describe(dir, e);
            if (damage.isEmpty()) throw e;
            Path aside;
            try {
                aside = IndexDamage.moveAside(dir, now);
            } catch (IOException moveFailure) {
                throw new IOException(
                        "the search index in " + dir + " is damaged (" + damage.get()
                                + ") and could not be moved aside (" + moveFailure.getMessage()
                                + "); delete it and try again",
                        moveFailure);
            }
            log.warn(
                    "The search index in {} is damaged ({}); rebuilding it from the database (the damaged copy is kept in {})",
                    dir,
                    damage.get(),
                    aside);
            PaperIndex fresh = new PaperIndex(dir, options, scheduler, work);
            fresh.replacedDamaged = true;
            return fresh;
        }
    }

    /** True when this index was created empty in place of a damaged one: it must be rebuilt from the store. */
    public boolean replacedDamaged() {
        return replacedDamaged;
    }

    /**
     * The pool for {@code work}: up to {@link IndexPrefetch#THREADS} daemon threads, which end
     * when idle (the work comes at open and in bulk loads only).
     */
    public static ExecutorService workPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                IndexPrefetch.THREADS,
                IndexPrefetch.THREADS,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                DaemonThreads.numbered("paperclub-index-work"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Opens an index with default analysis and threads of its own, which {@link #close()} stops (tests, eval). */
    public static PaperIndex open(Path dir) throws IOException {
        return open(dir, AnalysisOptions.defaults());
    }

    /** Like {@link #open(Path)} with chosen analysis options (for evaluation). */
    public static PaperIndex open(Path dir, AnalysisOptions options) throws IOException {
        return open(dir, options, null);
    }

    /** With another merge scheduler (tests: merges slowed down); null = Lucene's default. */
    static PaperIndex open(Path dir, AnalysisOptions options, org.apache.lucene.index.MergeScheduler merges)
            throws IOException {
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("paper-index-refresh"));
        ExecutorService work = workPool();
        try {
            return new PaperIndex(dir, options, scheduler, work, List.of(scheduler, work), merges);
        } catch (IOException | RuntimeException e) {
            scheduler.shutdownNow();
            work.shutdownNow();
            throw e;
        }
    }

    /** Where documents get their vectors: paper ids to vectors of a model. */
    @FunctionalInterface
    public interface VectorLookup {
        VectorLookup NONE = (model, ids) -> Map.of();

        /** The vectors of {@code model} known for those of {@code ids} that have one. */
        Map<String, float[]> vectors(String model, Collection<String> ids);
    }

    /** Lets documents carry vectors from {@code lookup} (set once, in the wiring, before any write). */
    public void useVectors(VectorLookup lookup) {
        this.vectors = lookup;
    }

    /**
     * False when the index was written with another document layout: it must be
     * {@link #rebuild rebuilt} before anything is written to it.
     */
    public boolean schemaCurrent() {
        return schemaCurrent;
    }

    /** The embedding model whose vectors the documents carry, as committed; "" when none. */
    public String vectorModel() {
        return vectorModel;
    }

    /**
     * Switches the documents' vector model. Documents written from now on take vectors of
     * {@code model}; ones already written keep theirs, so a caller changing a model that had
     * vectors rebuilds. Durable with the next commit.
     */
    public void adoptVectorModel(String model) {
        this.vectorModel = model;
    }

    /** Adds or replaces papers, keyed on the id. Visible to search after the next refresh. */
    public void upsert(Collection<Paper> papers) throws IOException {
        written();
        Map<String, float[]> found = lookup(papers);
        DocumentAnalysis words = new DocumentAnalysis(analyzer);
        for (Paper p : papers) {
            writer.updateDocument(new Term(PaperFields.ID, p.id()), toDocument(p, found.get(p.id()), words));
        }
    }

    private Map<String, float[]> lookup(Collection<Paper> papers) {
        String model = vectorModel;
        if (model.isEmpty() || papers.isEmpty() || vectors == VectorLookup.NONE) return Map.of();
        List<String> ids = new ArrayList<>(papers.size());
        for (Paper p : papers) ids.add(p.id());
        return new HashMap<>(vectors.vectors(model, ids));
    }

    /** Live documents that carry a vector, as of a refresh made now. */
    public int vectorCount() throws IOException {
        refresh();
        return withSearcher(s -> s.count(new FieldExistsQuery(PaperFields.VECTOR)));
    }

    /** Ids of the live documents without a vector, as of a refresh made now. */
    public List<String> idsWithoutVector() throws IOException {
        refresh();
        Query lacking = new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                .add(new FieldExistsQuery(PaperFields.VECTOR), BooleanClause.Occur.MUST_NOT)
                .build();
        return withSearcher(s -> {
            List<String> ids = new ArrayList<>();
            StoredFields stored = s.storedFields();
            for (ScoreDoc d : s.search(lacking, Math.max(1, s.getIndexReader().maxDoc())).scoreDocs) {
                ids.add(stored.document(d.doc, java.util.Set.of(PaperFields.ID)).get(PaperFields.ID));
            }
            return ids;
        });
    }

    /** Removes papers by id; unknown ids are ignored (so replays are harmless). */
    public void delete(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) return;
        written();
        writer.deleteDocuments(
                ids.stream().map(id -> new Term(PaperFields.ID, id)).toArray(Term[]::new));
    }

    private void written() {
        writable();
        dirty.set(true);
        wrote = true;
    }

    /** Makes every change so far durable, recording that the index reflects the store up to {@code storeSequence}. */
    public void commit(long storeSequence) throws IOException {
        writable();
        Map<String, String> data =
                new HashMap<>(Map.of(SEQUENCE_KEY, Long.toString(storeSequence), MODEL_KEY, vectorModel));
        // An index of an older layout becomes current only by a rebuild, never by a commit on top of it.
        boolean current = schemaCurrent || rebuilding;
        if (current) data.put(SCHEMA_KEY, SCHEMA);
        dirty.set(false); // a write racing this commit sets it again
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        committedSequence = storeSequence;
        schemaCurrent = current;
    }

    private void writable() {
        if (writer == null)
            throw new IllegalStateException(
                    "the search index is open for reading only, beside the process that writes it");
    }

    /**
     * Marks this index as not matching the store (its writer holds changes that could not be
     * undone): later commits record no layout, so the next start rebuilds it from the store.
     */
    public void distrust() {
        schemaCurrent = false;
    }

    /** The store sequence of the last durable commit (read only: of the commit searches read); 0 for a new index. */
    public long committedSequence() {
        return committedSequence;
    }

    /**
     * Replaces the whole index with {@code all} and commits at {@code storeSequence}.
     * Until the commit, a crash leaves the previous index intact.
     *
     * @param progress called with the number of papers added so far, every 10,000 and at the end
     */
    public void rebuild(Iterator<Paper> all, long storeSequence, LongConsumer progress) throws IOException {
        // Searches keep the previous point-in-time view until the rebuild commits, rather than
        // seeing an index that is empty or half filled.
        synchronized (refreshGate) {
            rebuilding = true; // no refresh is running now, and none will start until we are done
        }
        long n = 0;
        try {
            written();
            writer.deleteAll();
            List<Paper> chunk = new ArrayList<>(1_000);
            DocumentAnalysis words = new DocumentAnalysis(analyzer);
            while (all.hasNext()) {
                chunk.add(all.next());
                if (chunk.size() == 1_000 || !all.hasNext()) {
                    Map<String, float[]> found = lookup(chunk); // one store read per thousand papers
                    for (Paper p : chunk) {
                        writer.addDocument(toDocument(p, found.get(p.id()), words));
                        if (++n % 10_000 == 0) progress.accept(n);
                    }
                    chunk.clear();
                }
            }
            commit(storeSequence);
        } finally {
            rebuilding = false;
        }
        progress.accept(n);
        refresh();
    }

    /**
     * Adds or replaces many distinct papers, indexed in parts on the work pool, {@code threads} at
     * once (IndexWriter is thread-safe and indexes in parallel), with the background refresh paused meanwhile.
     */
    public void upsertBulk(List<Paper> papers, int threads) throws IOException {
        try (Loader loader = load(threads)) {
            papers.forEach(loader::take);
            loader.finish(ids -> List.of());
        }
    }

    /** Papers a {@link Loader} indexes in one task. */
    private static final int LOAD_PART = 1_000;

    /**
     * Starts a load: papers handed over one by one are indexed in parts on the work pool, at most
     * {@code threads} parts at once (the caller waits for a free one, so the papers held stay few),
     * with the background refresh paused until the loader is closed. Nothing is committed.
     */
    public Loader load(int threads) {
        bulk.incrementAndGet();
        return new Loader(Math.max(1, threads));
    }

    /**
     * Changes of one load, in the order they were made. A paper changed twice gets its last
     * version ({@link #finish} re-reads it after every part is done, as two parts may run at
     * once); removed papers leave the index at the finish. It keeps every paper's id (for
     * putting the index back after a rollback): about 100 bytes a paper.
     */
    public final class Loader implements AutoCloseable {
        private final int threads;
        private final java.util.concurrent.Semaphore free;
        private final java.util.Set<String> ids = new java.util.HashSet<>();
        /** Papers changed more than once: indexed as the store has them once it committed. */
        private final java.util.Set<String> repeats = new java.util.HashSet<>();

        private final List<String> removed = new ArrayList<>();
        private List<Paper> part = new ArrayList<>(LOAD_PART);
        private volatile Throwable failure;
        private long first;
        private long last;

        private Loader(int threads) {
            this.threads = threads;
            this.free = new java.util.concurrent.Semaphore(threads);
        }

        /** Takes the next change; indexes a part once it is full. */
        public void add(dev.paperclub.store.PaperChange change) {
            if (first == 0) first = change.seq();
            last = change.seq();
            String id = change.paper().id();
            if (!ids.add(id)) {
                repeats.add(id);
            } else if (change.removed()) {
                removed.add(id);
            } else {
                take(change.paper());
            }
        }

        /** Indexes {@code p} with the part it joins (no repeat or removal tracking: {@link #upsertBulk}). */
        private void take(Paper p) {
            part.add(p);
            if (part.size() == LOAD_PART) submit();
        }

        private void submit() {
            if (part.isEmpty()) return;
            List<Paper> papers = part;
            part = new ArrayList<>(LOAD_PART);
            if (failure != null) return; // the caller learns of it at the finish
            try {
                free.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while indexing", e);
            }
            try {
                work.execute(() -> {
                    try {
                        upsert(papers);
                    } catch (Throwable e) { // an Error too: its papers are missing, so the finish must fail
                        failure = e;
                    } finally {
                        free.release();
                    }
                });
            } catch (RuntimeException e) { // the pool is shut down
                free.release();
                failure = e;
            }
        }

        /** The sequence of the first change taken, 0 when none was. */
        public long firstSequence() {
            return first;
        }

        /** The sequence of the last change taken. */
        public long lastSequence() {
            return last;
        }

        /** Every paper a change was taken for. */
        public java.util.Set<String> ids() {
            return ids;
        }

        /**
         * Once the store has committed: indexes what is left and waits until every change taken is
         * in the index (not committed). Papers changed more than once are indexed as {@code
         * visible} (the store's visible papers among those ids) has them, or leave the index.
         */
        public void finish(java.util.function.Function<Collection<String>, List<Paper>> visible) throws IOException {
            submit();
            awaitParts();
            if (failure != null) throw new IOException("indexing failed: " + failure, failure);
            delete(removed);
            if (repeats.isEmpty()) return;
            List<Paper> current = visible.apply(repeats);
            for (Paper p : current) repeats.remove(p.id());
            upsert(current);
            delete(repeats); // removed
        }

        /** Waits for the parts already started; gives up (and fails the load) if the work pool was stopped. */
        public void awaitParts() {
            try {
                while (!free.tryAcquire(threads, 1, TimeUnit.SECONDS)) {
                    if (work.isTerminated()) { // shut down with parts still queued: they never ran
                        failure = new IllegalStateException("the index's work pool stopped before indexing ended");
                        return;
                    }
                }
                free.release(threads);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            }
        }

        @Override
        public void close() {
            bulk.decrementAndGet();
        }
    }

    /** Segments searches read, as of a refresh made now: a search visits each one (and its vector graph). */
    public int segmentCount() throws IOException {
        refresh();
        return withSearcher(s -> s.getIndexReader().leaves().size());
    }

    /**
     * Merges the index down to at most {@code maxSegments} segments and waits for it; durable at
     * the next {@link #commit(long)}, visible to searches after the next refresh. Writes may go on
     * meanwhile (segments they add are not part of this merge).
     */
    public void mergeDown(int maxSegments) throws IOException {
        writable();
        writer.forceMerge(maxSegments, true);
    }

    /** Number of live papers, as of a refresh made now (the pre-rebuild count during a rebuild). */
    public int count() throws IOException {
        refresh();
        IndexSearcher s = searchers.acquire();
        try {
            return s.getIndexReader().numDocs();
        } finally {
            searchers.release(s);
        }
    }

    /** Bytes of all index files on disk. */
    public long sizeBytes() throws IOException {
        long total = 0;
        for (String f : directory.listAll()) {
            try {
                total += directory.fileLength(f);
            } catch (NoSuchFileException e) {
                // merged away between listing and sizing
            }
        }
        return total;
    }

    /**
     * Blocks until searches see every change made before this call; during a {@link #rebuild}
     * it returns at once and searches keep the pre-rebuild view.
     */
    public void refresh() throws IOException {
        synchronized (refreshGate) {
            if (!rebuilding) searchers.maybeRefreshBlocking();
            if (writer == null) readSearchersCommit();
        }
    }

    /** Read only: takes the sequence, vector model and layout of the commit the current searcher reads. */
    private void readSearchersCommit() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            Map<String, String> data =
                    ((DirectoryReader) s.getIndexReader()).getIndexCommit().getUserData();
            committedSequence = sequence(data);
            vectorModel = data.getOrDefault(MODEL_KEY, "");
            schemaCurrent = SCHEMA.equals(data.get(SCHEMA_KEY));
        } finally {
            searchers.release(s);
        }
    }

    /** The analyzer every reader of this index must use. */
    public PaperAnalyzer analyzer() {
        return analyzer;
    }

    /** Work that needs a searcher; it must not keep the searcher past the call. */
    @FunctionalInterface
    public interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code work} on a current searcher, releasing it afterwards. */
    public <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return work.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes without committing documents: anything since the last {@link #commit(long)} is
     * dropped, as in a crash. When every change is committed and this process wrote to the
     * index, it first lets the segment merges those writes call for finish and keeps them (a
     * commit of the same content and sequence): otherwise closing would abort them, and a big
     * ingest would leave dozens of small segments that every later search pays for.
     */
    @Override
    public void close() throws IOException {
        refreshTask.cancel(false);
        ownThreads.forEach(ExecutorService::shutdownNow);
        try {
            searchers.close();
            if (writer != null) {
                if (wrote && !dirty.get()) settleMerges();
                writer.rollback(); // drops uncommitted changes and closes the writer
            }
        } finally {
            analyzer.close();
            directory.close();
        }
    }

    private void settleMerges() {
        long t0 = System.nanoTime();
        try {
            writer.maybeMerge(); // merges run on the merge scheduler's threads; wait for them to drain
            while (writer.hasPendingMerges() || !writer.getMergingSegments().isEmpty()) Thread.sleep(20);
            if (!dirty.get()) commit(committedSequence);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > 1_000) log.info("Finished merging index segments in {} ms", ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the last commit stands; the merges are redone later
        } catch (IOException | RuntimeException e) {
            // the last commit stands; the merges are redone later
            log.debug("Merging at close stopped: {}", e.toString());
        }
    }

    private void backgroundRefresh() {
        try {
            synchronized (refreshGate) {
                if (!rebuilding && bulk.get() == 0 && searchers.maybeRefresh() && writer == null) readSearchersCommit();
            }
        } catch (org.apache.lucene.store.AlreadyClosedException | java.nio.channels.ClosedByInterruptException e) {
            // a refresh that raced close() (or the shutdown of its thread): nothing to report
            log.debug("index refresh after close: {}", e.toString());
        } catch (IOException | RuntimeException e) {
            // The next run retries.
            log.warn("index refresh failed: {}", e.toString());
        }
    }

    private static long readCommittedSequence(Directory dir) throws IOException {
        return sequence(SegmentInfos.readLatestCommit(dir).getUserData());
    }

    /** The store sequence a commit's user data records. */
    private static long sequence(Map<String, String> commitData) {
        String v = commitData.get(SEQUENCE_KEY);
        if (v == null) return 0;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0; // foreign or damaged marker: replay everything
        }
    }

    /** The combined field's text. The sentence break keeps title and abstract from forming a phrase across the seam. */
    static String combinedText(String title, String abstractText) {
        return (title == null ? "" : title) + " .\n" + (abstractText == null ? "" : abstractText);
    }

    /**
     * The one place a paper becomes a document; {@code vector} is null when the paper has none
     * yet. The fields that read the title's and abstract's words get them from one
     * tokenization ({@code words}, this thread's).
     */
    static Document toDocument(Paper p, float[] vector, DocumentAnalysis words) {
        String text = combinedText(p.title(), p.abstractText());
        words.analyse(text, p.title().length());
        Document d = new Document();
        d.add(new StringField(PaperFields.ID, p.id(), Field.Store.YES));
        // Doc values too: ranking 1,000 hits (batch runs) must not decompress 1,000 stored blocks.
        d.add(new SortedDocValuesField(PaperFields.ID, new BytesRef(p.id())));
        d.add(new StoredField(PaperFields.TITLE, p.title()));
        d.add(new Field(PaperFields.TITLE, words.title(), TextField.TYPE_NOT_STORED));
        // Stored only: ranking reads TEXT, and the highlighter re-analyses the few abstracts it shows.
        // Indexing it too (with offsets) cost a third of the indexing time.
        d.add(new StoredField(PaperFields.ABSTRACT, p.abstractText()));
        d.add(new Field(PaperFields.TEXT, words.text(), TextField.TYPE_NOT_STORED));
        for (String a : p.authors()) d.add(new TextField(PaperFields.AUTHOR, a, Field.Store.NO));
        d.add(new Field(PaperFields.WORDS, words.words(), DOCS_ONLY));
        d.add(new Field(PaperFields.TITLE_PREFIX, words.titlePrefixes(), DOCS_ONLY));
        String key = TitleKeys.normalize(p.title());
        d.add(new StringField(PaperFields.TITLE_KEY, key, Field.Store.NO));
        d.add(new SortedDocValuesField(PaperFields.TITLE_KEY, new BytesRef(key)));
        if (p.published() != null) {
            long day = p.published().toEpochDay();
            d.add(new LongPoint(PaperFields.PUBLISHED, day));
            d.add(new NumericDocValuesField(PaperFields.PUBLISHED, day));
        }
        d.add(new NumericDocValuesField(PaperFields.UPVOTES, p.upvotesOrZero()));
        if (vector != null) d.add(new KnnFloatVectorField(PaperFields.VECTOR, vector, VectorSimilarityFunction.COSINE));
        return d;
    }
}
