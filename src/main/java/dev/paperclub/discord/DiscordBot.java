package dev.paperclub.discord;

import dev.paperclub.App;
import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.CommandService;
import dev.paperclub.command.Reply;
import dev.paperclub.command.ServerEvents;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord side of PaperClub: the real JDA client with minimal intents, the command
 * definitions registered in one bulk overwrite (globally, or per server when configured),
 * interactions routed to the command layer, and a {@link ChannelGateway} for scheduled posts.
 */
public final class DiscordBot implements AutoCloseable, ChannelGateway {
    private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

    /** Where Discord is and which servers get per-server registration. */
    public record Settings(String token, String apiUrl, String gatewayUrl, List<String> guildIds, Duration readyTimeout) {
        @Override
        public String toString() {
            return "Settings[apiUrl=" + apiUrl + ", gatewayUrl=" + gatewayUrl + ", guildIds=" + guildIds + "]"; // never the token
        }
    }

    private final JDA jda;

    private DiscordBot(JDA jda) {
        this.jda = jda;
    }

    /**
     * Logs in, waits for READY, registers the commands; throws on a bad token or a timeout.
     * Interactions are answered on {@code threads}, which the app owns (and shuts down).
     */
    public static DiscordBot start(Settings s, CommandService commands, App.InteractionThreads threads, ServerEvents events)
            throws InterruptedException {
        JDA jda = JDABuilder.createLight(s.token(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(s.apiUrl().endsWith("/") ? s.apiUrl() : s.apiUrl() + "/"))
                .setSessionController(new GatewaySessionController(s.gatewayUrl()))
                .addEventListeners(new InteractionListener(commands, threads.commands(), threads.slowCommands(),
                        threads.autocomplete(), threads.timers()), new ServerListener(events))
                .build();
        DiscordBot bot = new DiscordBot(jda);
        try {
            long deadline = System.nanoTime() + s.readyTimeout().toNanos();
            while (jda.getStatus() != JDA.Status.CONNECTED) {
                if (jda.getStatus() == JDA.Status.SHUTDOWN || jda.getStatus() == JDA.Status.FAILED_TO_LOGIN) {
                    throw new IllegalStateException("Discord login failed (" + jda.getStatus() + ")");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Discord did not report ready within " + s.readyTimeout().toSeconds() + " s");
                }
                Thread.sleep(20);
            }
            bot.register(commands, s.guildIds());
        } catch (RuntimeException | InterruptedException e) {
            bot.close();
            throw e;
        }
        return bot;
    }

    private void register(CommandService commands, List<String> guildIds) {
        List<CommandData> data = Commands.fromList(DataArray.fromJson(commands.definitions().toJson()));
        if (guildIds.isEmpty()) {
            jda.updateCommands().addCommands(data).queue(
                    ok -> log.info("Registered {} slash commands globally (Discord may take up to an hour to show changes)", ok.size()),
                    e -> log.error("Registering slash commands failed: {}", e.toString()));
            return;
        }
        for (String id : guildIds) {
            Guild g = jda.getGuildById(id);
            if (g == null) {
                log.warn("discord.guild-ids names server {} but the bot is not in it; skipped", id);
                continue;
            }
            g.updateCommands().addCommands(data).queue(
                    ok -> log.info("Registered {} slash commands in server {}", ok.size(), g.getName()),
                    e -> log.error("Registering slash commands in server {} failed: {}", id, e.toString()));
        }
    }

    public JDA jda() {
        return jda;
    }

    @Override
    public String post(String channelId, Reply message) throws PostException {
        GuildMessageChannel channel = jda.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) throw new PostException("channel " + channelId + " is not visible to the bot (deleted, or no access)");
        try {
            Message m = channel.sendMessage(DiscordRenderer.create(message)).complete();
            return m.getId();
        } catch (ErrorResponseException e) {
            throw new PostException("posting in channel " + channelId + " failed: " + e.getErrorResponse() + " (" + e.getMeaning() + ")", e);
        } catch (InsufficientPermissionException e) {
            throw new PostException("no permission to post in channel " + channelId + ": " + e.getPermission(), e);
        } catch (RuntimeException e) {
            throw new PostException("posting in channel " + channelId + " failed: " + e, e);
        }
    }

    @Override
    public void openThread(String channelId, String messageId, String name) throws PostException {
        GuildMessageChannel channel = jda.getChannelById(GuildMessageChannel.class, channelId);
        if (!(channel instanceof IThreadContainer threads)) throw new PostException("channel " + channelId + " cannot hold threads");
        try {
            threads.createThreadChannel(DiscordRenderer.cut(name, 100), messageId).complete();
        } catch (RuntimeException e) {
            throw new PostException("opening a thread in " + channelId + " failed: " + e, e);
        }
    }

    /** Stops JDA, waiting briefly for queued replies (the interaction threads belong to the app). */
    @Override
    public void close() {
        jda.shutdown();
        try {
            if (!jda.awaitShutdown(Duration.ofSeconds(10))) jda.shutdownNow();
        } catch (InterruptedException e) {
            jda.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
