package dev.paperclub.discord;

import java.util.List;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.guild.GuildAvailableEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the slash commands in one scope and clears the other, so switching
 * {@code discord.guild-ids} on or off never leaves each command listed twice: globally (every
 * server's per-server commands are removed) or in the listed servers (the global commands are
 * removed). A listed server the bot joins later, or that comes back from an outage, gets its
 * commands then.
 */
final class CommandRegistration extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(CommandRegistration.class);

    private final List<CommandData> commands;
    private final Set<String> guildIds;
    private volatile boolean started; // guilds ready before the start registered are covered by registerAll

    CommandRegistration(List<CommandData> commands, List<String> guildIds) {
        this.commands = List.copyOf(commands);
        this.guildIds = Set.copyOf(guildIds);
    }

    /** Once connected: registers in the configured scope and clears the other. */
    void registerAll(JDA jda) {
        started = true;
        if (guildIds.isEmpty()) {
            jda.updateCommands()
                    .addCommands(commands)
                    .queue(
                            ok -> log.info(
                                    "Registered {} slash commands globally (Discord may take up to an hour to show changes)",
                                    ok.size()),
                            e -> log.error("Registering slash commands failed: {}", e.toString()));
            jda.getGuilds().forEach(CommandRegistration::clear);
            return;
        }
        jda.retrieveCommands()
                .queue(
                        global -> {
                            if (global.isEmpty()) return;
                            jda.updateCommands()
                                    .queue(
                                            ok -> log.info(
                                                    "Removed the {} global slash commands: discord.guild-ids registers per server",
                                                    global.size()),
                                            e -> log.error(
                                                    "Removing the global slash commands failed: {}", e.toString()));
                        },
                        e -> log.error("Reading the global slash commands failed: {}", e.toString()));
        for (String id : guildIds) {
            Guild g = jda.getGuildById(id);
            if (g == null) {
                log.warn(
                        "discord.guild-ids names server {} but the bot is not in it; its commands are registered when it joins",
                        id);
                continue;
            }
            register(g);
        }
        jda.getGuilds().stream().filter(g -> !guildIds.contains(g.getId())).forEach(CommandRegistration::clear);
    }

    /** A listed server that finished loading after the start (a slow one, or a new session). */
    @Override
    public void onGuildReady(GuildReadyEvent event) {
        if (started && guildIds.contains(event.getGuild().getId())) register(event.getGuild());
    }

    @Override
    public void onGuildJoin(GuildJoinEvent event) {
        if (guildIds.contains(event.getGuild().getId())) register(event.getGuild());
    }

    @Override
    public void onGuildAvailable(GuildAvailableEvent event) {
        if (guildIds.contains(event.getGuild().getId())) register(event.getGuild());
    }

    private void register(Guild g) {
        g.updateCommands()
                .addCommands(commands)
                .queue(
                        ok -> log.info("Registered {} slash commands in server {}", ok.size(), g.getName()),
                        e -> log.error("Registering slash commands in server {} failed: {}", g.getId(), e.toString()));
    }

    /** Removes per-server commands left from an earlier configuration (reads first: most servers have none). */
    private static void clear(Guild g) {
        g.retrieveCommands()
                .queue(
                        existing -> {
                            if (existing.isEmpty()) return;
                            g.updateCommands()
                                    .queue(
                                            ok -> log.info(
                                                    "Removed {} per-server slash commands left in server {}",
                                                    existing.size(),
                                                    g.getName()),
                                            e -> log.error(
                                                    "Removing the slash commands of server {} failed: {}",
                                                    g.getId(),
                                                    e.toString()));
                        },
                        e -> log.warn("Reading the slash commands of server {} failed: {}", g.getId(), e.toString()));
    }
}
