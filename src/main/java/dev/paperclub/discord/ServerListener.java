package dev.paperclub.discord;

import dev.paperclub.command.ServerEvents;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server membership and channel changes from the gateway: leaves servers not in
 * {@code discord.allowed-guild-ids} (at start and on join), and tells {@link ServerEvents}
 * when the bot left a server or a channel was deleted.
 */
final class ServerListener extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ServerListener.class);

    private final ServerEvents events;

    ServerListener(ServerEvents events) {
        this.events = events;
    }

    @Override
    public void onGuildReady(GuildReadyEvent event) {
        leaveUnlessAllowed(event.getGuild());
    }

    @Override
    public void onGuildJoin(GuildJoinEvent event) {
        leaveUnlessAllowed(event.getGuild());
    }

    private void leaveUnlessAllowed(Guild guild) {
        if (events.allowed(guild.getId())) return;
        log.warn("Leaving server {} ({}): it is not in discord.allowed-guild-ids", guild.getName(), guild.getId());
        guild.leave().queue(null, e -> log.error("Leaving server {} failed: {}", guild.getId(), e.toString()));
    }

    @Override
    public void onGuildLeave(GuildLeaveEvent event) {
        log.info(
                "The bot is no longer in server {} ({})",
                event.getGuild().getName(),
                event.getGuild().getId());
        try {
            events.left(event.getGuild().getId());
        } catch (RuntimeException e) {
            log.error(
                    "Stopping the schedule of server {} failed",
                    event.getGuild().getId(),
                    e);
        }
    }

    @Override
    public void onChannelDelete(ChannelDeleteEvent event) {
        if (!event.isFromGuild()) return;
        try {
            events.channelDeleted(event.getGuild().getId(), event.getChannel().getId());
        } catch (RuntimeException e) {
            log.error(
                    "Clearing deleted channel {} from server {}'s settings failed",
                    event.getChannel().getId(),
                    event.getGuild().getId(),
                    e);
        }
    }
}
