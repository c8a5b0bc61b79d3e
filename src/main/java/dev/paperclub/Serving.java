package dev.paperclub;

import dev.paperclub.backup.BackupScheduler;
import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.CommandService;
import dev.paperclub.command.ServerEvents;
import dev.paperclub.config.AppSettings;
import dev.paperclub.feed.FeedScheduler;
import dev.paperclub.highlight.HighlightScheduler;
import dev.paperclub.metrics.HealthServer;
import dev.paperclub.search.SemanticModel;
import dev.paperclub.search.VectorWorker;
import dev.paperclub.session.SessionReminders;
import java.time.Duration;
import java.util.Optional;

/**
 * What the long-running verbs ({@code run}, {@code console}) serve members with: the commands,
 * the threads that answer them, the server events, where posts go, and the background work they
 * start once posts can be delivered. {@link App#serving()} hands it out.
 */
public final class Serving {
    private final CommandService commands;
    private final App.InteractionThreads interactionThreads;
    private final ServerEvents serverEvents;
    private final ChannelGateway.Late gateway;
    private final FeedScheduler feedScheduler;
    private final HighlightScheduler highlightScheduler;
    private final SessionReminders sessionReminders;
    private final BackupScheduler backupScheduler;
    private final VectorWorker vectorWorker;
    private final SemanticModel semantic;
    private final AppSettings.Health health;
    private final HealthServer.Sources healthSources;
    private final Runnable watchIngestQueue;

    Serving(
            CommandService commands,
            App.InteractionThreads interactionThreads,
            ServerEvents serverEvents,
            ChannelGateway.Late gateway,
            FeedScheduler feedScheduler,
            HighlightScheduler highlightScheduler,
            SessionReminders sessionReminders,
            BackupScheduler backupScheduler,
            VectorWorker vectorWorker,
            SemanticModel semantic,
            AppSettings.Health health,
            HealthServer.Sources healthSources,
            Runnable watchIngestQueue) {
        this.commands = commands;
        this.interactionThreads = interactionThreads;
        this.serverEvents = serverEvents;
        this.gateway = gateway;
        this.feedScheduler = feedScheduler;
        this.highlightScheduler = highlightScheduler;
        this.sessionReminders = sessionReminders;
        this.backupScheduler = backupScheduler;
        this.vectorWorker = vectorWorker;
        this.semantic = semantic;
        this.health = health;
        this.healthSources = healthSources;
        this.watchIngestQueue = watchIngestQueue;
    }

    public CommandService commands() {
        return commands;
    }

    public App.InteractionThreads interactionThreads() {
        return interactionThreads;
    }

    public ServerEvents serverEvents() {
        return serverEvents;
    }

    /** Scheduled and announced posts go through {@code to} from now on (the Discord adapter, the console). */
    public void postThrough(ChannelGateway to) {
        gateway.attach(to);
    }

    /**
     * Starts the background work once posts can be delivered: the feed scheduler first (so a fetch
     * due with a post lands before it), then the highlight scheduler and the daily backups, each with
     * its first tick after the given delay, then the embedding worker (search is lexical until vectors
     * land), then the watch on the ingest queue (inputs a CLI {@code ingest} beside this process queues).
     */
    public void startBackground(Duration firstFeedTick, Duration firstHighlightTick) {
        feedScheduler.start(firstFeedTick);
        highlightScheduler.start(firstHighlightTick);
        sessionReminders.start(firstHighlightTick);
        backupScheduler.start(firstHighlightTick);
        vectorWorker.start();
        watchIngestQueue.run();
    }

    /** {@link #startBackground(Duration, Duration)} with the schedulers' usual first ticks. */
    public void startBackground() {
        feedScheduler.start();
        highlightScheduler.start();
        sessionReminders.start();
        backupScheduler.start();
        vectorWorker.start();
        watchIngestQueue.run();
    }

    /**
     * Starts {@code /healthz} and {@code /metrics} on {@code health.bind:health.port}, reporting on
     * {@code gateway} ({@link HealthServer.Gateway#NONE} at the console); empty when {@code health.port}
     * is 0. The caller closes it before the app. Throws {@link HealthServer.StartFailure} (the port
     * is taken, …) with a message for the operator.
     */
    public Optional<HealthServer> startHealth(HealthServer.Gateway gateway) {
        if (!health.enabled()) return Optional.empty();
        return Optional.of(HealthServer.start(health.bind(), health.port(), healthSources, gateway));
    }

    /** The app is shutting down: a model load cut short now is not a broken model to warn about. */
    public void shuttingDown() {
        semantic.close();
    }
}
