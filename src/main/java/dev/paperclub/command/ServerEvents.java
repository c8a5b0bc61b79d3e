package dev.paperclub.command;

import dev.paperclub.store.AuditStore;
import dev.paperclub.store.FeedStore;
import dev.paperclub.store.GuildSettings;
import dev.paperclub.store.GuildSettingsStore;
import dev.paperclub.store.WatchStore;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the platform reports about the servers and channels the bot is in, and what PaperClub
 * does about it: whether it may stay in a server ({@code discord.allowed-guild-ids}), and the
 * settings that stop making sense when it leaves a server or its highlights channel is deleted
 * (each change audited, so moderators see why their highlights stopped).
 */
public final class ServerEvents {
    private static final Logger log = LoggerFactory.getLogger(ServerEvents.class);

    private final Set<String> allowed;
    private final GuildSettingsStore settings;
    private final AuditStore audit;
    private final FeedStore feeds;
    private final WatchStore watches;
    private final Clock clock;

    /** {@code allowedGuildIds} empty: every server is allowed. */
    public ServerEvents(
            List<String> allowedGuildIds,
            GuildSettingsStore settings,
            AuditStore audit,
            FeedStore feeds,
            WatchStore watches,
            Clock clock) {
        this.allowed = Set.copyOf(allowedGuildIds);
        this.settings = settings;
        this.audit = audit;
        this.feeds = feeds;
        this.watches = watches;
        this.clock = clock;
    }

    /** Whether the bot may stay in this server. */
    public boolean allowed(String guildId) {
        return allowed.isEmpty() || allowed.contains(guildId);
    }

    /**
     * The bot left or was removed from a server: its daily highlights stop (turned off), and its
     * feeds and its members' watches are deleted — nobody there could see a feed's papers, and a
     * member could no longer stop a watch's direct messages (each audited).
     */
    public void left(String guildId) {
        int gone = feeds.removeAll(guildId);
        int unwatched = watches.removeAll(guildId);
        if (gone + unwatched > 0) {
            audit.record(
                    guildId,
                    AuditStore.SYSTEM_USER,
                    "left server",
                    null,
                    "ok",
                    "The bot is no longer in this server: " + gone + " feed(s) and " + unwatched
                            + " watch(es) of its members were deleted.",
                    clock.instant());
            log.info("Left server {}: {} feeds and {} watches deleted", guildId, gone, unwatched);
        }
        GuildSettings g = settings.get(guildId);
        if (g.channelId() == null || Boolean.FALSE.equals(g.enabled())) return;
        settings.put(g.withSchedule(g.postTime(), g.timezone(), g.count(), false), clock.instant());
        audit.record(
                guildId,
                AuditStore.SYSTEM_USER,
                "left server",
                null,
                "ok",
                "The bot is no longer in this server: the daily highlights schedule is turned off.",
                clock.instant());
        log.info("Left server {}: its highlights schedule is turned off", guildId);
    }

    /** A channel was deleted: when it was the highlights channel, the setting is cleared (audited). */
    public void channelDeleted(String guildId, String channelId) {
        GuildSettings g = settings.get(guildId);
        if (!channelId.equals(g.channelId())) return;
        settings.put(g.withChannel(null), clock.instant());
        audit.record(
                guildId,
                AuditStore.SYSTEM_USER,
                "channel deleted",
                channelId,
                "ok",
                "The highlights channel was deleted; no highlights are posted until a moderator picks another with /admin channel.",
                clock.instant());
        log.info("Server {}: highlights channel {} was deleted; the setting is cleared", guildId, channelId);
    }
}
