package dev.paperclub.discord;

import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.CommandService;
import dev.paperclub.command.Reply;
import dev.paperclub.util.DaemonThreads;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
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
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;

    private DiscordBot(JDA jda, ExecutorService workers, ScheduledExecutorService timers) {
        this.jda = jda;
        this.workers = workers;
        this.timers = timers;
    }

    /** Logs in, waits for READY, registers the commands; throws on a bad token or a timeout. */
    public static DiscordBot start(Settings s, CommandService commands) throws InterruptedException {
        // bounded: a flood of interactions is refused politely instead of queuing without end
        ExecutorService workers = new ThreadPoolExecutor(4, 8, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2_000),
                DaemonThreads.numbered("paperclub-interaction"));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("paperclub-ack-timer"));
        // whatever a message says, it mentions nobody unless a request allows it (the renderer also sets it per message)
        MessageRequest.setDefaultMentions(DiscordRenderer.NO_MENTIONS);
        CommandRegistration registration = new CommandRegistration(
                Commands.fromList(DataArray.fromJson(commands.definitions().toJson())), s.guildIds());
        JDA jda;
        try {
            jda = JDABuilder.createLight(s.token(), EnumSet.noneOf(GatewayIntent.class))
                    .setRestConfig(new RestConfig().setBaseUrl(s.apiUrl().endsWith("/") ? s.apiUrl() : s.apiUrl() + "/"))
                    .setSessionController(new GatewaySessionController(s.gatewayUrl()))
                    // the application's own shutdown hook closes the bot, in-flight replies first (see close())
                    .setEnableShutdownHook(false)
                    .addEventListeners(new InteractionListener(commands, workers, timers), registration)
                    .build();
        } catch (RuntimeException e) {
            workers.shutdownNow();
            timers.shutdownNow();
            throw e;
        }
        DiscordBot bot = new DiscordBot(jda, workers, timers);
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
            registration.registerAll(jda);
        } catch (RuntimeException | InterruptedException e) {
            bot.close();
            throw e;
        }
        return bot;
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

    /**
     * Lets the interactions in flight finish and queue their replies, then stops JDA, which sends
     * what is queued before it closes (JDA's own shutdown hook is off: it would stop JDA first).
     */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        jda.shutdown();
        try {
            if (!jda.awaitShutdown(Duration.ofSeconds(10))) jda.shutdownNow();
        } catch (InterruptedException e) {
            jda.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
