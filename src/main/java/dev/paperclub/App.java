package dev.paperclub;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.paperclub.command.Authorizer;
import dev.paperclub.command.ButtonHandler;
import dev.paperclub.command.Caller;
import dev.paperclub.command.Choice;
import dev.paperclub.command.CommandDefinitions;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandService;
import dev.paperclub.command.PaperResolver;
import dev.paperclub.command.RateLimiter;
import dev.paperclub.command.ServerEvents;
import dev.paperclub.command.admin.CorpusCommands;
import dev.paperclub.command.admin.FeedAdminCommands;
import dev.paperclub.command.admin.HighlightAdminCommands;
import dev.paperclub.command.admin.IngestAdminCommand;
import dev.paperclub.command.admin.ServerAdminCommands;
import dev.paperclub.command.admin.VoteAdminCommands;
import dev.paperclub.command.member.HelpCommand;
import dev.paperclub.command.member.HighlightsCommand;
import dev.paperclub.command.member.NoteCommands;
import dev.paperclub.command.member.PaperButtons;
import dev.paperclub.command.member.PaperCommand;
import dev.paperclub.command.member.SearchCommand;
import dev.paperclub.command.member.SimilarCommand;
import dev.paperclub.command.member.SummarizeCommand;
import dev.paperclub.command.member.VoteCommands;
import dev.paperclub.config.AppSettings;
import dev.paperclub.config.Config;
import dev.paperclub.feed.ArxivClient;
import dev.paperclub.feed.FeedScheduler;
import dev.paperclub.feed.FeedService;
import dev.paperclub.feed.HfDailyFeed;
import dev.paperclub.highlight.HighlightRanker;
import dev.paperclub.highlight.HighlightScheduler;
import dev.paperclub.highlight.HighlightService;
import dev.paperclub.ingest.Arrivals;
import dev.paperclub.ingest.IngestService;
import dev.paperclub.ingest.UrlFetcher;
import dev.paperclub.metrics.HealthServer;
import dev.paperclub.metrics.Metrics;
import dev.paperclub.search.Embedder;
import dev.paperclub.search.IndexInUseException;
import dev.paperclub.search.IndexSync;
import dev.paperclub.search.MiniLmEmbedder;
import dev.paperclub.search.PaperIndex;
import dev.paperclub.search.PaperSearch;
import dev.paperclub.search.RankingOptions;
import dev.paperclub.search.SearchThreads;
import dev.paperclub.search.SemanticModel;
import dev.paperclub.search.SimilarPapers;
import dev.paperclub.search.TitleSuggestions;
import dev.paperclub.search.VectorWorker;
import dev.paperclub.store.AuditStore;
import dev.paperclub.store.Database;
import dev.paperclub.store.FeedStore;
import dev.paperclub.store.GuildSettingsStore;
import dev.paperclub.store.HighlightStore;
import dev.paperclub.store.MetaStore;
import dev.paperclub.store.NoteStore;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.VectorStore;
import dev.paperclub.store.VoteStore;
import dev.paperclub.summary.Summarizer;
import dev.paperclub.summary.SummaryService;
import dev.paperclub.util.DaemonThreads;
import dev.paperclub.vote.VoteService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where PaperClub's parts are built and wired, each once, and closed in
 * reverse order. Every entry point (CLI verbs, console, Discord) starts from here.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    /** The database's file name in data.dir: the data itself (index/ beside it is derived from it). */
    public static final String DATABASE_FILE = "paperclub.db";
    /** The index's folder in data.dir. */
    static final String INDEX_DIR = "index";

    private final Config config;
    private final AppSettings configured;
    /** Opened beside another PaperClub process that owns the data dir: reads its last commits, writes nothing. */
    private final boolean beside;

    private final Clock clock;
    private final Instant started;
    /** What /metrics exposes; the parts that count are handed it as they are built. */
    private final Metrics metrics = new Metrics();

    private final ScheduledExecutorService background;
    /** The index's parallel work: reading ahead at open, bulk loads. */
    private final ExecutorService indexWork;

    private final Database database;
    private final PaperStore papers;
    private final VoteStore voteStore;
    private final NoteStore noteStore;
    private final GuildSettingsStore settings;
    private final AuditStore audit;
    private final PaperIndex index;
    private final IndexSync indexSync;
    private final VectorStore vectorStore;
    private final SemanticModel semantic;
    /** The embedding worker's own thread: embedding a batch takes seconds and must not hold up index refreshes. */
    private final ExecutorService embedding;
    /** The threads that embed one batch's texts at once (search.embedding-threads). */
    private final ExecutorService embeddingThreads;

    private final VectorWorker vectorWorker;
    /** Threads that search the index's slices at once; the searching thread is one of them. */
    private final SearchThreads searchThreads;
    /** The threads that search slices besides the searching thread itself. */
    private final ExecutorService searchPool;

    private final PaperSearch search;
    private final SimilarPapers similar;
    private final TitleSuggestions titles;
    private final SummaryService summaries;
    private final VoteService votes;
    private final IngestService ingest;
    /** Where a CLI ingest's pipeline brings the index up to date while the next file is stored. */
    private final ExecutorService ingestIndexing;
    /** Applies the inputs a CLI {@code ingest} beside the running process queues (started by {@link #serving()}). */
    private final ScheduledExecutorService ingestQueue;
    /** Told of papers that entered the library; watches plug in here (issue #25). */
    /**
     * Where ingests tell of their arrivals: the watches. An input completed while the app opens
     * (left queued by a crash) arrives before the watches exist; it is logged, not matched.
     */
    private final Arrivals arrivals = this::tellWatches;

    private final UrlFetcher urlFetcher;
    private final MetaStore meta;
    private final HighlightStore highlightStore;
    private final HighlightService highlights;
    private final dev.paperclub.store.WatchStore watchStore;
    /** Matching an arrival against watches and sending their direct messages runs here, off the ingest's thread. */
    private final ExecutorService watchWork;

    private final dev.paperclub.search.ArrivalMatcher arrivalMatcher;
    private final dev.paperclub.watch.WatchService watches;
    private final HfDailyFeed hfDailyFeed;
    private final FeedStore feedStore;
    /** Per-server feeds: the arXiv client (one per process: its gate spaces every request) and the fetches. */
    private final FeedService feeds;
    /** Highlights and feed ticks get their own thread: a slow post or download must not delay index refreshes. */
    private final ScheduledExecutorService schedules;
    /** Feed fetches get a thread of their own: arXiv's pace (a request every few seconds) must not delay a post. */
    private final ScheduledExecutorService feedSchedules;

    private final HighlightScheduler highlightScheduler;
    private final dev.paperclub.store.SessionStore sessionStore;
    private final dev.paperclub.session.SessionService sessions;
    private final dev.paperclub.session.SessionReminders sessionReminders;
    private final FeedScheduler feedScheduler;
    private final dev.paperclub.backup.BackupScheduler backupScheduler;
    private final CommandService commands;
    private final ServerEvents serverEvents;
    private final InteractionThreads interactionThreads;
    /** Where scheduled and announced posts go; the Discord adapter or the console attaches itself. */
    private final dev.paperclub.command.ChannelGateway.Late gateway = new dev.paperclub.command.ChannelGateway.Late();

    /**
     * @param embedderFactory the embedding model, given the pool that embeds a batch's texts at once
     * @param beside open beside the process that owns the data dir ({@link #openBeside})
     */
    private App(
            Config config,
            Clock clock,
            LongConsumer rebuildProgress,
            Function<ExecutorService, Embedder.Factory> embedderFactory,
            boolean beside) {
        this.config = config;
        this.beside = beside;
        this.configured = AppSettings.from(config);
        this.clock = clock;
        this.started = clock.instant();
        Path dataDir = configured.dataDir();
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new DataDirException(
                    "data.dir " + dataDir + " is a file, not a directory; point --data-dir or data.dir at a directory");
        }
        this.background = Executors.newScheduledThreadPool(1, DaemonThreads.named("paperclub-background"));
        this.indexWork = PaperIndex.workPool();
        // The index opens on another thread while the database opens here: on a large corpus both take
        // noticeable time (the SQLite native library, Lucene's segment readers), and at start the cores are free.
        CompletableFuture<PaperIndex> opening = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        if (beside) return openIndexBeside(dataDir);
                        // The index is derived data: a damaged one is set aside and rebuilt from the store (reconcile,
                        // below).
                        return PaperIndex.openReplacingDamaged(
                                dataDir.resolve(INDEX_DIR),
                                dev.paperclub.search.AnalysisOptions.defaults(),
                                background,
                                indexWork,
                                clock.instant());
                    } catch (IndexInUseException e) {
                        throw new DataDirInUseException(
                                "another PaperClub process (a console or the bot) is using " + dataDir
                                        + "; stop it, or point this command at another data.dir",
                                e);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot open the search index: " + e.getMessage(), e);
                    }
                },
                r -> DaemonThreads.named("paperclub-open-index").newThread(r).start());
        Database db = null;
        CommandDefinitions definitions;
        AppSettings.Ingest limits = configured.ingest();
        try {
            // No migration while another process owns the data dir: wait until the index lock is ours.
            db = beside
                    ? Database.openReadOnly(dataDir.resolve(DATABASE_FILE))
                    : Database.open(dataDir.resolve(DATABASE_FILE), () -> opened(opening));
            // While the index finishes opening (on a cold disk it takes longer than the database),
            // load what needs neither: the summary model, the HTTP client, the command definitions.
            this.summaries = new SummaryService(new Summarizer());
            this.urlFetcher = urlFetcher(limits);
            definitions = CommandDefinitions.loadBundled();
        } catch (RuntimeException e) {
            try {
                opened(opening).close();
            } catch (IOException | RuntimeException other) {
                if (other != e) e.addSuppressed(other);
            }
            if (db != null) db.close();
            background.shutdownNow();
            indexWork.shutdownNow();
            throw e;
        }
        this.database = db;
        try {
            this.index = opened(opening);
            this.papers = new PaperStore(database);
            this.voteStore = new VoteStore(database);
            this.noteStore = new NoteStore(database);
            this.settings = new GuildSettingsStore(database);
            this.audit = new AuditStore(database);
            metrics.storeGauges(papers::count, voteStore::activeVotes);
        } catch (RuntimeException e) {
            // another process holds the data dir: a truncating checkpoint at close would wait for its writes
            if (e instanceof DataDirInUseException) database.leaveCheckpointToOwner();
            close();
            throw e;
        }
        this.vectorStore = new VectorStore(database);
        this.embeddingThreads = MiniLmEmbedder.pool(configured.search().embeddingThreads());
        this.semantic = new SemanticModel(
                embedderFactory.apply(embeddingThreads), configured.search().semanticEnabled());
        // Documents take vectors from the store's cache (by the index's recorded model) whenever they are written.
        index.useVectors(vectorStore::find);
        this.indexSync = new IndexSync(papers, index, vectorStore);
        // Beside the owner, the index is read as that process last committed it: it catches up, not we.
        if (!beside) indexSync.reconcile(semantic.modelId(), rebuildProgress);
        this.embedding = Executors.newSingleThreadExecutor(
                DaemonThreads.lowPriority(DaemonThreads.named("paperclub-embedding")));
        this.vectorWorker = new VectorWorker(semantic, vectorStore, indexSync, embedding);
        this.searchPool = SearchThreads.pool(configured.search().searchThreads());
        this.searchThreads = SearchThreads.of(configured.search().searchThreads(), searchPool);
        this.search = new PaperSearch(index, RankingOptions.defaults(), semantic, searchThreads);
        this.similar = new SimilarPapers(index, RankingOptions.defaults(), semantic, searchThreads);
        this.titles =
                new TitleSuggestions(index, RankingOptions.defaults(), searchThreads, Choice.MAX, Choice.NAME_MAX);
        this.votes = new VoteService(voteStore, clock, configured.votesPerMember());
        this.ingestIndexing = Executors.newSingleThreadExecutor(DaemonThreads.named("ingest-index"));
        this.ingest = new IngestService(
                papers,
                clock,
                limits.maxBytes(),
                () -> {
                    indexSync.catchUp();
                    vectorWorker.wake();
                },
                ingestIndexing,
                arrivals,
                indexSync);
        // an input a crash (or a CLI ingest beside a process that stopped) left queued is completed first
        ingest.applyQueued();
        ingest.removeStaleSpools();
        this.ingestQueue = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("paperclub-ingest-queue"));
        this.meta = new MetaStore(database);
        this.highlightStore = new HighlightStore(database);
        this.feedStore = new FeedStore(database);
        this.highlights = new HighlightService(
                highlightStore,
                new HighlightRanker(
                        highlightStore,
                        papers,
                        search,
                        feedStore::arrivals,
                        dev.paperclub.highlight.TeamTaste.from(voteStore, vectorStore, papers, semantic)),
                settings,
                summaries,
                new dev.paperclub.command.HighlightPosts(
                        new dev.paperclub.command.CountedGateway(gateway, metrics, Metrics.POST_HIGHLIGHT)),
                highlightDefaults(configured.highlights()),
                audit,
                clock);
        this.watchStore = new dev.paperclub.store.WatchStore(database);
        this.watchWork = Executors.newSingleThreadExecutor(DaemonThreads.named("paperclub-watches"));
        this.arrivalMatcher = new dev.paperclub.search.ArrivalMatcher(index.analyzer());
        this.watches = new dev.paperclub.watch.WatchService(
                watchStore,
                papers,
                arrivalMatcher,
                summaries,
                new dev.paperclub.command.CountedGateway(gateway, metrics, Metrics.POST_DIRECT),
                watchWork,
                clock);
        Duration retry = Duration.ofMinutes(5);
        this.feeds = feeds(configured, feedStore, urlFetcher, ingest, highlights, clock);
        feeds.arrivals(arrivals);
        metrics.feedSource(FeedService.ARXIV);
        // every fetch that went to the network counts (an HF fetch another server's feed made minutes ago is reused)
        feeds.onComplete(o -> {
            if (!o.reused()) metrics.feedFetched(o.feed().source(), o.kind() != FeedService.Kind.FAILED);
        });
        this.hfDailyFeed =
                new HfDailyFeed(hfDaily(configured), urlFetcher, ingest, meta, retry, metrics, feeds::hfArrived);
        this.schedules = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("paperclub-schedules"));
        this.highlightScheduler = new HighlightScheduler(highlights, settings, clock, schedules, retry);
        this.feedSchedules = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("paperclub-feeds"));
        this.feedScheduler = new FeedScheduler(feeds, hfDailyFeed, clock, feedSchedules);
        AppSettings.Backup backups = configured.backup();
        this.backupScheduler = new dev.paperclub.backup.BackupScheduler(
                database,
                meta,
                audit,
                new dev.paperclub.backup.BackupScheduler.Settings(
                        backups.dir(), backups.time(), configured.highlights().zone(), backups.keep()),
                clock,
                schedules,
                Duration.ofMinutes(15));
        this.sessionStore = new dev.paperclub.store.SessionStore(database);
        this.sessions =
                new dev.paperclub.session.SessionService(sessionStore, papers, highlights, summaries, gateway, clock);
        this.sessionReminders = new dev.paperclub.session.SessionReminders(
                sessionStore,
                sessions,
                papers,
                highlights,
                gateway,
                clock,
                schedules,
                configured.sessions().reminder());
        this.commands = buildCommands(definitions);
        this.serverEvents =
                new ServerEvents(configured.discord().allowedGuildIds(), settings, audit, feedStore, watchStore, clock);
        // threads start on first use: the verbs that never answer interactions pay nothing for these
        this.interactionThreads = new InteractionThreads(
                fixedPool("paperclub-interaction", 4, 100),
                fixedPool("paperclub-slow-command", 2, 16),
                fixedPool("paperclub-autocomplete", 2, 64),
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("paperclub-ack-timer")));
    }

    /**
     * The pools that answer interactions, each fixed-size with a bounded queue (a flood is refused
     * politely by the adapter instead of queuing without end): quick commands and buttons; slow
     * commands (ingest, reindex, posting), so that long work never holds the threads a quick answer
     * needs; and autocomplete, which Discord cannot defer and drops after 3 s. Created here and shut
     * down in {@link #close()}.
     */
    public record InteractionThreads(
            ExecutorService commands,
            ExecutorService slowCommands,
            ExecutorService autocomplete,
            ScheduledExecutorService timers) {
        void shutdown() {
            List<ExecutorService> all = List.of(commands, slowCommands, autocomplete, timers);
            all.forEach(ExecutorService::shutdown);
            try {
                for (ExecutorService e : all) {
                    if (!e.awaitTermination(5, TimeUnit.SECONDS)) e.shutdownNow();
                }
            } catch (InterruptedException e) {
                all.forEach(ExecutorService::shutdownNow);
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The fetcher for URLs, attachments and feeds, within the configured limits. */
    static UrlFetcher urlFetcher(AppSettings.Ingest limits) {
        return new UrlFetcher(new UrlFetcher.Limits(
                limits.maxBytes(),
                limits.allowPrivateUrls(),
                limits.connectTimeout(),
                limits.readTimeout(),
                limits.maxRedirects()));
    }

    /** Core = max threads: a ThreadPoolExecutor grows past its core only when the queue is full, i.e. too late. */
    private static ExecutorService fixedPool(String name, int threads, int queue) {
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue),
                DaemonThreads.numbered(name));
    }

    private CommandService buildCommands(CommandDefinitions definitions) {
        PaperResolver resolver = new PaperResolver(papers, titles);
        // who sees a paper's internal id on /paper: whoever may run /admin
        java.util.function.Predicate<dev.paperclub.command.Caller> moderators =
                caller -> refuseModerator(caller).isEmpty();
        SearchCommand searchCommand =
                new SearchCommand(search, papers, votes, clock, definitions.option("search", "limit"));
        List<CommandHandler> handlers = new ArrayList<>(List.of(
                searchCommand,
                new PaperCommand(resolver, votes, noteStore, moderators),
                new SummarizeCommand(resolver, summaries, votes),
                new SimilarCommand(resolver, similar, papers, votes),
                new HelpCommand(definitions),
                new HighlightsCommand(highlights, clock),
                new IngestAdminCommand(ingest, urlFetcher)));
        handlers.addAll(dev.paperclub.command.member.WatchCommands.handlers(watchStore, arrivalMatcher, clock));
        handlers.addAll(VoteCommands.handlers(resolver, papers, votes));
        handlers.addAll(FeedAdminCommands.handlers(
                feeds, guild -> highlights.schedule(guild).zone(), clock));
        handlers.addAll(NoteCommands.handlers(resolver, noteStore, moderators, clock));
        handlers.addAll(CorpusCommands.handlers(resolver, papers, indexSync, index, clock));
        handlers.addAll(HighlightAdminCommands.handlers(highlights, settings, gateway, clock));
        handlers.addAll(VoteAdminCommands.handlers(
                resolver,
                papers,
                votes,
                settings,
                new dev.paperclub.command.CountedGateway(gateway, metrics, Metrics.POST_ANNOUNCEMENT),
                sessions,
                clock));
        dev.paperclub.command.member.SessionsCommand sessionsCommand =
                new dev.paperclub.command.member.SessionsCommand(sessionStore, sessions, papers, noteStore, clock);
        handlers.add(sessionsCommand);
        handlers.addAll(ServerAdminCommands.handlers(
                settings,
                audit,
                new ServerAdminCommands.StatsSources(
                        this::stats, this::serverStats, this::cacheStats, metrics::latency, started),
                clock));
        List<ButtonHandler> buttons = new ArrayList<>(List.of(
                searchCommand, searchCommand.tokenPaging(), VoteAdminCommands.confirmReset(papers, votes, clock)));
        buttons.addAll(VoteCommands.buttons(papers, votes));
        buttons.add(sessionsCommand);
        buttons.add(dev.paperclub.command.member.WatchCommands.voteButton(papers, votes, gateway));
        buttons.addAll(PaperButtons.all(papers, similar, summaries, votes, noteStore, moderators));
        buttons.addAll(NoteCommands.buttons(
                papers,
                noteStore,
                moderators,
                (caller, action, target, result, detail) -> audit.record(
                        caller.guildId(), caller.userId(), action, target, result, detail, clock.instant())));
        RateLimiter limiter = new RateLimiter(configured.commandsPerUserPerMinute(), Ticker.systemTicker());
        Authorizer authorizer = new Authorizer() {
            @Override
            public Optional<String> refuseModerator(Caller caller) {
                return App.this.refuseModerator(caller);
            }

            @Override
            public Optional<String> refuseLibraryChange(Caller caller) {
                return App.this.refuseLibraryChange(caller);
            }
        };
        return new CommandService(
                definitions,
                handlers,
                buttons,
                resolver,
                authorizer,
                (caller, action, reason) -> audit.record(
                        caller.guildId(), caller.userId(), action, null, "refused", reason, clock.instant()),
                (caller, action, target, result, detail) -> audit.record(
                        caller.guildId(), caller.userId(), action, target, result, detail, clock.instant()),
                limiter,
                metrics);
    }

    /** Moderators hold Manage Server, or the server's moderator role. */
    private Optional<String> refuseModerator(Caller caller) {
        if (caller.manageServer()) return Optional.empty();
        if (caller.guildId() != null) {
            String role = settings.get(caller.guildId()).moderatorRoleId();
            if (role != null && caller.roleIds().contains(role)) return Optional.empty();
        }
        return Optional.of("Only moderators can do that: it needs the Manage Server permission"
                + " or the server's moderator role (set with `/admin moderator-role`).");
    }

    /**
     * The library is shared by every server: with {@code discord.home-guild-ids} set, only those
     * servers' moderators may change it (DESIGN "One library, many servers").
     */
    private Optional<String> refuseLibraryChange(Caller caller) {
        List<String> homes = configured.discord().homeGuildIds();
        if (homes.isEmpty() || homes.contains(caller.guildId())) return Optional.empty();
        return Optional.of(
                "This server can't change the shared library: every server the bot is in reads the same papers, "
                        + "so adding, removing, restoring and reindexing them is kept to the bot's home servers "
                        + "(`discord.home-guild-ids`; ask the bot's operator). Your moderators still manage this server's "
                        + "highlights, votes and settings with the other `/admin` commands.");
    }

    public static App open(Config config, Clock clock) {
        return open(config, clock, n -> {});
    }

    public static App open(Config config, Clock clock, LongConsumer rebuildProgress) {
        return new App(config, clock, rebuildProgress, miniLm(config), false);
    }

    /** With another embedding model (tests: a model that fails to load, a small stand-in). */
    public static App open(Config config, Clock clock, Embedder.Factory embedderFactory) {
        return new App(config, clock, n -> {}, pool -> embedderFactory, false);
    }

    private static Function<ExecutorService, Embedder.Factory> miniLm(Config config) {
        int threads = AppSettings.from(config).search().embeddingThreads();
        return pool -> MiniLmEmbedder.factory(threads, pool);
    }

    /**
     * Opens the app beside the PaperClub process ({@code run}, {@code console}) that owns the
     * data dir, for the verbs that only read: the database through read-only connections (no
     * migrations; a different schema version stops it, saying so) and the index as that process
     * last committed it (it commits after each catch-up), with no writer, no catch-up and no
     * embedding. Only {@link #library()} is for use; the other views change data and refuse.
     */
    public static App openBeside(Config config, Clock clock) {
        return new App(config, clock, n -> {}, miniLm(config), true);
    }

    /** True when another PaperClub process ({@code run}, {@code console}) holds {@code dataDir}. */
    public static boolean inUse(Path dataDir) {
        return PaperIndex.writeLocked(dataDir.resolve(INDEX_DIR));
    }

    /** The index's last commit, for reading beside its writer. */
    private PaperIndex openIndexBeside(Path dataDir) throws IOException {
        try {
            return PaperIndex.openReadOnly(
                    dataDir.resolve(INDEX_DIR), dev.paperclub.search.AnalysisOptions.defaults(), background, indexWork);
        } catch (org.apache.lucene.index.IndexNotFoundException e) {
            throw new DataDirException(
                    "the PaperClub process using " + dataDir + " has not written its search index yet;"
                            + " try again in a minute",
                    e);
        }
    }

    /** True when opened beside the process that owns the data dir ({@link #openBeside}): reads only. */
    public boolean beside() {
        return beside;
    }

    private void owner(String view) {
        if (beside)
            throw new IllegalStateException(view + " changes data: not available beside the process that owns it");
    }

    /** The read-only verbs' view: count, find, list, search, compare and summarize papers. */
    public Library library() {
        return new Library(papers, commands.resolver(), index, search, similar, summaries, semantic, this::stats);
    }

    /** The {@code ingest} verb's view: the ingest service and the URL fetcher. */
    public Ingestion ingestion() {
        owner("ingestion");
        return new Ingestion(ingest, urlFetcher);
    }

    /** The {@code reindex} verb's view: rebuild the index, recompute the vectors. */
    public Reindexing reindexing() {
        owner("reindexing");
        return new Reindexing(papers, index, indexSync, vectorStore, semantic, vectorWorker);
    }

    /** The long-running verbs' view: commands, their threads, server events, posts, background work. */
    public Serving serving() {
        owner("serving");
        return new Serving(
                commands,
                interactionThreads,
                serverEvents,
                gateway,
                feedScheduler,
                highlightScheduler,
                sessionReminders,
                backupScheduler,
                vectorWorker,
                semantic,
                configured.health(),
                new HealthServer.Sources(metrics, papers::count, started, clock),
                this::watchIngestQueue);
    }

    /** How often the running process looks for inputs a CLI {@code ingest} beside it queued. */
    static final Duration INGEST_QUEUE_POLL = Duration.ofSeconds(1);

    /**
     * Applies, about once a second, any input queued by a CLI {@code ingest} beside this process
     * (one small indexed query when there is none), bringing the index up to date after each.
     */
    private void watchIngestQueue() {
        ingestQueue.scheduleWithFixedDelay(
                () -> {
                    try {
                        if (ingest.hasQueued()) ingest.applyQueued();
                    } catch (RuntimeException e) {
                        log.warn("Applying a queued ingest failed (retried in a second): {}", e.getMessage());
                    }
                },
                INGEST_QUEUE_POLL.toMillis(),
                INGEST_QUEUE_POLL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public Config config() {
        return config;
    }

    /** The configuration, parsed and checked. */
    public AppSettings configured() {
        return configured;
    }

    private static HighlightService.Defaults highlightDefaults(AppSettings.Highlights h) {
        return new HighlightService.Defaults(h.time(), h.zone(), h.count(), h.threads());
    }

    /**
     * The feeds' service with its arXiv client: a request at most every {@code feeds.arxiv.min-interval-seconds},
     * a failed or empty answer tried 4 times, waiting twice the interval (at least 1 s) and doubling.
     */
    private static FeedService feeds(
            AppSettings s,
            FeedStore store,
            UrlFetcher fetcher,
            IngestService ingest,
            HighlightService highlights,
            Clock clock) {
        AppSettings.Feeds f = s.feeds();
        Duration backoff = f.arxivMinInterval().multipliedBy(2);
        if (backoff.compareTo(Duration.ofSeconds(1)) < 0) backoff = Duration.ofSeconds(1);
        ArxivClient arxiv = new ArxivClient(
                fetcher,
                new ArxivClient.Settings(
                        f.arxivApiUrl(), f.arxivMinInterval(), f.arxivPageSize(), f.arxivMaxPerFetch(), backoff, 4),
                ArxivClient.userAgent(dev.paperclub.cli.PaperClubVersion.VERSION));
        return new FeedService(
                store,
                arxiv,
                fetcher,
                ingest,
                highlights,
                new FeedService.Settings(f.lead(), s.hfDaily().url().toString()),
                clock);
    }

    private static HfDailyFeed.Settings hfDaily(AppSettings s) {
        return new HfDailyFeed.Settings(
                s.hfDaily().enabled(),
                s.hfDaily().url().toString(),
                s.hfDaily().time(),
                s.highlights().zone());
    }

    public Clock clock() {
        return clock;
    }
    // The parts themselves, for tests and tools (the benchmark, the soak) that drive or inspect one
    // of them directly. Main code outside App does not call these: the verbs ask for a view
    // (library(), ingestion(), reindexing(), serving()) and the handlers are given their parts.
    public Database database() {
        return database;
    }

    public PaperStore papers() {
        return papers;
    }

    /** Members' notes per server ({@code /note}); sessions count them per paper. */
    public NoteStore noteStore() {
        return noteStore;
    }

    public VoteStore voteStore() {
        return voteStore;
    }

    public GuildSettingsStore settings() {
        return settings;
    }

    public AuditStore audit() {
        return audit;
    }

    public PaperIndex index() {
        return index;
    }

    public IndexSync indexSync() {
        return indexSync;
    }

    public PaperSearch search() {
        return search;
    }

    public SimilarPapers similar() {
        return similar;
    }

    public TitleSuggestions titles() {
        return titles;
    }

    public VectorStore vectorStore() {
        return vectorStore;
    }

    public SemanticModel semantic() {
        return semantic;
    }
    /** Not started by opening the app: the long-running verbs start it, and {@code reindex --vectors} drains it. */
    public VectorWorker vectorWorker() {
        return vectorWorker;
    }

    public VoteService votes() {
        return votes;
    }

    public IngestService ingest() {
        return ingest;
    }

    public CommandService commands() {
        return commands;
    }

    public Metrics metrics() {
        return metrics;
    }

    public dev.paperclub.command.ChannelGateway.Late gateway() {
        return gateway;
    }

    public ServerEvents serverEvents() {
        return serverEvents;
    }

    public InteractionThreads interactionThreads() {
        return interactionThreads;
    }

    public dev.paperclub.store.WatchStore watchStore() {
        return watchStore;
    }

    /** Members' watches: told of every arrival ({@link dev.paperclub.ingest.Arrivals}). */
    public dev.paperclub.watch.WatchService watches() {
        return watches;
    }

    public HighlightStore highlightStore() {
        return highlightStore;
    }

    public HighlightService highlights() {
        return highlights;
    }

    public HfDailyFeed hfDailyFeed() {
        return hfDailyFeed;
    }
    /** Not started by opening the app: the long-running verbs ({@code run}, {@code console}) start it. */
    public dev.paperclub.session.SessionReminders sessionReminders() {
        return sessionReminders;
    }

    public HighlightScheduler highlightScheduler() {
        return highlightScheduler;
    }

    public FeedScheduler feedScheduler() {
        return feedScheduler;
    }

    /** Not started by opening the app: the long-running verbs start it (it ticks only when backup.dir is set). */
    public dev.paperclub.backup.BackupScheduler backupScheduler() {
        return backupScheduler;
    }

    public FeedService feeds() {
        return feeds;
    }

    public FeedStore feedStore() {
        return feedStore;
    }

    private void tellWatches(Arrivals.Arrival arrival) {
        dev.paperclub.watch.WatchService w = watches;
        if (w != null) w.arrived(arrival);
        else
            log.info(
                    "{} papers from {} arrived while opening: not matched against watches",
                    arrival.addedIds().size(),
                    arrival.source());
    }

    /** The Caffeine caches with hit rates, for {@code /admin stats}. */
    private Map<String, CacheStats> cacheStats() {
        Map<String, CacheStats> m = new LinkedHashMap<>();
        m.put("papers by id", papers.cacheStats());
        m.put("summaries", summaries.stats());
        m.put("autocomplete", titles.cacheStats());
        return m;
    }

    /** One server's own figures for {@code /admin stats} (labelled as shown). */
    private Map<String, Object> serverStats(String guildId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Open votes", voteStore.activeVotes(guildId));
        m.put("Papers read", voteStore.readCount(guildId));
        m.put("Papers highlighted", highlightStore.highlighted(guildId).size());
        return m;
    }

    /** Figures for {@code stats} (the verb reads them through {@link Library#stats()}): the keys are part of the CLI contract. */
    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("papers", papers.count());
        try {
            m.put("indexed", index.count());
            m.put("votes", voteStore.activeVotes());
            m.put("removed", papers.removedCount());
            m.put("servers", voteStore.servers());
            m.put("db_bytes", database.sizeBytes());
            m.put("index_bytes", index.sizeBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (semantic.enabled()) {
            // the database's vectors: the index takes them whenever it is built
            m.put("vectors", vectorStore.count(semantic.modelId()));
            m.put("vectors_pending", vectorStore.pendingCount(semantic.modelId()));
            // beside the running process this process's own model says nothing of that one's
            m.put(
                    "semantic",
                    beside
                            ? "see the running process (/admin stats)"
                            : semantic.stats().get("state"));
        } else {
            m.put("semantic", "disabled");
        }
        m.put("schema_version", database.schemaVersion());
        m.put("store_seq", papers.changeSequence());
        m.put("index_seq", index.committedSequence());
        return m;
    }

    /** Interrupts {@code pool}'s work and waits up to 30 s for it to end; false (logged) when it did not. */
    private static boolean stopWithin30s(ExecutorService pool, String what) {
        pool.shutdownNow();
        try {
            if (pool.awaitTermination(30, TimeUnit.SECONDS)) return true;
            log.warn("{} did not stop in 30 s", what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The index {@code opening} opened, or what stopped it. */
    private static PaperIndex opened(CompletableFuture<PaperIndex> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    @Override
    public void close() {
        // answers in flight still read the index and the store: let them finish first
        if (interactionThreads != null) interactionThreads.shutdown();
        if (highlightScheduler != null) highlightScheduler.close();
        if (sessionReminders != null) sessionReminders.close();
        if (feedScheduler != null) feedScheduler.close();
        if (backupScheduler != null) backupScheduler.close();
        if (schedules != null) schedules.shutdownNow();
        // a fetch in flight is interrupted and ends at once (its wait or its download), before the database closes
        if (feedSchedules != null) stopWithin30s(feedSchedules, "The feed fetch");
        // arrivals already told are matched and their direct messages sent (a console script sees them) before the
        // index and the database close
        if (watchWork != null) {
            watchWork.shutdown();
            try {
                if (!watchWork.awaitTermination(30, TimeUnit.SECONDS)) stopWithin30s(watchWork, "Matching watches");
            } catch (InterruptedException e) {
                watchWork.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        // Let an index catch-up or an embedding batch in flight finish before the index and the database close under
        // it.
        if (ingestIndexing != null) stopWithin30s(ingestIndexing, "The ingest's index catch-up");
        // an input stopped between two steps stays queued; the next start completes it
        if (ingestQueue != null) stopWithin30s(ingestQueue, "Applying a queued ingest");
        if (semantic != null) semantic.close();
        if (embedding != null && stopWithin30s(embedding, "The embedding worker") && semantic != null)
            semantic.release();
        if (embeddingThreads != null) embeddingThreads.shutdownNow();
        background.shutdownNow();
        indexWork.shutdownNow();
        if (searchPool != null) searchPool.shutdownNow();
        if (index != null) {
            try {
                index.close();
            } catch (IOException | RuntimeException e) {
                log.warn("Closing the index failed: {}", e.getMessage());
            }
        }
        try {
            database.close();
        } catch (RuntimeException e) {
            log.warn("Closing the database failed: {}", e.getMessage());
        }
    }
}
