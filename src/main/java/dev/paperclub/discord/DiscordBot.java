package dev.paperclub.discord;

import dev.paperclub.App;
import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.CommandService;
import dev.paperclub.command.Reply;
import dev.paperclub.command.ServerEvents;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.ScheduledEvent;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
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
    public record Settings(
            String token, String apiUrl, String gatewayUrl, List<String> guildIds, Duration readyTimeout) {
        @Override
        public String toString() {
            return "Settings[apiUrl=" + apiUrl + ", gatewayUrl=" + gatewayUrl + ", guildIds=" + guildIds
                    + "]"; // never the token
        }
    }

    private final JDA jda;

    private final InteractionListener interactions;

    private DiscordBot(JDA jda, InteractionListener interactions) {
        this.jda = jda;
        this.interactions = interactions;
    }

    /**
     * Logs in, waits for READY, registers the commands; throws on a bad token or a timeout.
     * Interactions are answered on {@code threads}, which the app owns; {@link #close()} lets those in flight finish.
     */
    public static DiscordBot start(
            Settings s, CommandService commands, App.InteractionThreads threads, ServerEvents events)
            throws InterruptedException {
        // whatever a message says, it mentions nobody unless a request allows it (the renderer also sets it per
        // message)
        MessageRequest.setDefaultMentions(DiscordRenderer.NO_MENTIONS);
        CommandRegistration registration = new CommandRegistration(
                Commands.fromList(DataArray.fromJson(commands.definitions().toJson())), s.guildIds());
        InteractionListener interactions = new InteractionListener(
                commands, threads.commands(), threads.slowCommands(), threads.autocomplete(), threads.timers());
        ReadyLatch ready = new ReadyLatch(); // listens from the first status change: none is missed
        JDA jda = JDABuilder.createLight(s.token(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(s.apiUrl().endsWith("/") ? s.apiUrl() : s.apiUrl() + "/"))
                .setSessionController(new GatewaySessionController(s.gatewayUrl()))
                // the application's own shutdown hook closes the bot, in-flight replies first (see close())
                .setEnableShutdownHook(false)
                .addEventListeners(ready, interactions, new ServerListener(events), registration)
                .build();
        DiscordBot bot = new DiscordBot(jda, interactions);
        try {
            JDA.Status status = ready.await(s.readyTimeout());
            if (status == null) {
                throw new IllegalStateException("Discord did not report ready within "
                        + s.readyTimeout().toSeconds() + " s");
            }
            if (status != JDA.Status.CONNECTED)
                throw new IllegalStateException("Discord login failed (" + status + ")");
            jda.removeEventListener(ready);
            registration.registerAll(jda);
        } catch (RuntimeException | InterruptedException e) {
            bot.close();
            throw e;
        }
        return bot;
    }

    /**
     * Opens on the first status that ends the start: connected, or a failed login or shutdown.
     * JDA's own {@code awaitReady()} has no timeout (and sleeps in a loop underneath).
     */
    private static final class ReadyLatch implements EventListener {
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile JDA.Status status;

        @Override
        public void onEvent(GenericEvent event) {
            if (event instanceof StatusChangeEvent change) {
                JDA.Status now = change.getNewStatus();
                if (now == JDA.Status.CONNECTED || now == JDA.Status.FAILED_TO_LOGIN || now == JDA.Status.SHUTDOWN) {
                    finish(now);
                }
            } else if (event instanceof ShutdownEvent) {
                finish(JDA.Status.SHUTDOWN);
            }
        }

        private void finish(JDA.Status end) {
            if (done.getCount() == 0) return;
            status = end;
            done.countDown();
        }

        /** The status that ended the start, or null when none came within {@code timeout}. */
        JDA.Status await(Duration timeout) throws InterruptedException {
            return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? status : null;
        }
    }

    public JDA jda() {
        return jda;
    }

    /** Blocks on Discord: called from the scheduler's thread and the slow-command pool only. */
    @Override
    public String post(String channelId, Reply message) throws PostException {
        try {
            return send(channelId, message).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof PostException p) throw p;
            throw new PostException("posting in channel " + channelId + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Queued, never {@code complete()}: the future completes on JDA's callback thread. */
    @Override
    public CompletableFuture<String> send(String channelId, Reply message) {
        CompletableFuture<String> result = new CompletableFuture<>();
        GuildMessageChannel channel = jda.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) {
            result.completeExceptionally(
                    new PostException("channel " + channelId + " is not visible to the bot (deleted, or no access)"));
            return result;
        }
        MessageCreateData data;
        try {
            data = DiscordRenderer.create(message);
        } catch (IllegalArgumentException e) {
            // JDA refuses some embeds before sending (a link it cannot parse): find the cards that cause it
            result.completeExceptionally(new PostException(
                    "the message could not be built: " + e.getMessage(), unbuildableCards(message), e));
            return result;
        }
        try {
            channel.sendMessage(data)
                    .queue(m -> result.complete(m.getId()), e -> result.completeExceptionally(failure(channelId, e)));
        } catch (RuntimeException e) {
            result.completeExceptionally(failure(channelId, e));
        }
        return result;
    }

    private static PostException failure(String channelId, Throwable e) {
        if (e instanceof ErrorResponseException r) {
            return new PostException(
                    "posting in channel " + channelId + " failed: " + r.getErrorResponse() + " (" + r.getMeaning()
                            + ")",
                    rejectedEmbeds(r),
                    r);
        }
        if (e instanceof InsufficientPermissionException p) {
            return new PostException(
                    "no permission to post in channel " + channelId + ": "
                            + p.getPermission().getName(),
                    p);
        }
        return new PostException("posting in channel " + channelId + " failed: " + e, e);
    }

    private static final Pattern EMBED_INDEX = Pattern.compile("embeds\\D?(\\d+)");

    /** The embeds Discord named in a 400 Invalid Form Body (its errors say where: {@code embeds.1.url}). */
    static List<Integer> rejectedEmbeds(ErrorResponseException e) {
        List<Integer> out = new ArrayList<>();
        for (ErrorResponseException.SchemaError s : e.getSchemaErrors()) {
            Matcher m = EMBED_INDEX.matcher(s.getLocation());
            if (m.find() && !out.contains(Integer.parseInt(m.group(1)))) out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    /** The cards JDA will not build an embed from, each tried alone. */
    private static List<Integer> unbuildableCards(Reply message) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < message.cards().size(); i++) {
            try {
                DiscordRenderer.create(
                        Reply.builder().card(message.cards().get(i)).build());
            } catch (IllegalArgumentException e) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Opens (or reuses) the member's DM channel and sends there, mentioning nobody; blocks, so
     * it is called from the watches' own thread only. Discord's 50007 (the member's DMs are
     * closed to the bot) comes back as a {@link PostException} saying so.
     */
    @Override
    public String directMessage(String userId, String userName, Reply message) throws PostException {
        MessageCreateData data;
        try {
            data = DiscordRenderer.create(message);
        } catch (IllegalArgumentException e) {
            throw new PostException("the direct message could not be built: " + e.getMessage(), e);
        }
        try {
            return jda.openPrivateChannelById(userId)
                    .flatMap(channel -> channel.sendMessage(data))
                    .submit()
                    .thenApply(m -> m.getId())
                    .join();
        } catch (CompletionException | IllegalArgumentException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ErrorResponseException r && r.getErrorResponse() == ErrorResponse.CANNOT_SEND_TO_USER)
                throw PostException.refusedByRecipient(
                        "Discord would not deliver it: you don't accept direct messages from me (" + r.getMeaning()
                                + ")",
                        r);
            throw new PostException("sending a direct message failed: " + cause, cause);
        }
    }

    /** Asks Discord (a member cache is off: {@code createLight}); a 10007 Unknown Member is a no. */
    @Override
    public boolean isMember(String guildId, String userId) throws PostException {
        Guild guild = jda.getGuildById(guildId);
        if (guild == null) return false; // the bot left that server, or it never was one
        try {
            guild.retrieveMemberById(userId).submit().join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof ErrorResponseException r
                    && (r.getErrorResponse() == ErrorResponse.UNKNOWN_MEMBER
                            || r.getErrorResponse() == ErrorResponse.UNKNOWN_USER)) return false;
            throw new PostException("checking membership in " + guildId + " failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public ChannelAccess access(String channelId, boolean threads) {
        GuildMessageChannel channel = jda.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) return new ChannelAccess(false, "<#" + channelId + ">", List.of());
        List<Permission> needed = new ArrayList<>(
                List.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND, Permission.MESSAGE_EMBED_LINKS));
        if (threads) needed.add(Permission.CREATE_PUBLIC_THREADS);
        Member self = channel.getGuild().getSelfMember();
        return new ChannelAccess(
                true,
                channel.getName(),
                needed.stream()
                        .filter(p -> !self.hasPermission(channel, p))
                        .map(Permission::getName)
                        .toList());
    }

    @Override
    public void openThread(String channelId, String messageId, String name) throws PostException {
        GuildMessageChannel channel = jda.getChannelById(GuildMessageChannel.class, channelId);
        if (!(channel instanceof IThreadContainer threads))
            throw new PostException("channel " + channelId + " cannot hold threads");
        try {
            threads.createThreadChannel(DiscordRenderer.cut(name, 100), messageId)
                    .complete();
        } catch (RuntimeException e) {
            throw new PostException("opening a thread in " + channelId + " failed: " + e, e);
        }
    }

    /**
     * Discord's rules (Guild Scheduled Event, permissions by entity type): creating needs Create
     * Events (Manage Events alone no longer suffices for bots since February 2026); editing the
     * bot's own event needs either; a voice event also View Channel and Connect in its channel, a
     * stage event Manage Channels, Mute Members and Move Members there.
     */
    @Override
    public Optional<String> eventProblem(String guildId, String channelId, boolean create) {
        Guild guild = jda.getGuildById(guildId);
        if (guild == null) return Optional.of("I am not in this server any more");
        Member self = guild.getSelfMember();
        List<String> missing = new ArrayList<>();
        if (create && !self.hasPermission(Permission.CREATE_SCHEDULED_EVENTS)) {
            missing.add(Permission.CREATE_SCHEDULED_EVENTS.getName());
        } else if (!create
                && !self.hasPermission(Permission.CREATE_SCHEDULED_EVENTS)
                && !self.hasPermission(Permission.MANAGE_EVENTS)) {
            missing.add(
                    Permission.CREATE_SCHEDULED_EVENTS.getName() + " (or " + Permission.MANAGE_EVENTS.getName() + ")");
        }
        GuildChannel channel = channelId == null ? null : guild.getGuildChannelById(channelId);
        if (channel != null) {
            List<Permission> needed = channel.getType() == ChannelType.STAGE
                    ? List.of(
                            Permission.VIEW_CHANNEL,
                            Permission.MANAGE_CHANNEL,
                            Permission.VOICE_MUTE_OTHERS,
                            Permission.VOICE_MOVE_OTHERS)
                    : List.of(Permission.VIEW_CHANNEL, Permission.VOICE_CONNECT);
            needed.stream()
                    .filter(p -> !self.hasPermission(channel, p))
                    .forEach(p -> missing.add(p.getName() + " in #" + channel.getName()));
        }
        if (missing.isEmpty()) return Optional.empty();
        return Optional.of("I lack the permission" + (missing.size() == 1 ? " " : "s ")
                + missing.stream().map(m -> "**" + m + "**").collect(java.util.stream.Collectors.joining(", "))
                + " (Server Settings → Roles → my role" + (channel == null ? "" : ", or the channel's permissions")
                + ")");
    }

    @Override
    public Optional<Place> place(String guildId, String channelId) {
        Guild guild = jda.getGuildById(guildId);
        GuildChannel channel = guild == null ? null : guild.getGuildChannelById(channelId);
        if (channel == null) return Optional.empty();
        Place.Kind kind = channel.getType() == ChannelType.VOICE
                ? Place.Kind.VOICE
                : channel.getType() == ChannelType.STAGE ? Place.Kind.STAGE : Place.Kind.OTHER;
        return Optional.of(new Place(kind, channel.getName()));
    }

    /** Queued: the future completes on JDA's callback thread. */
    @Override
    public CompletableFuture<String> createEvent(String guildId, EventSpec spec) {
        CompletableFuture<String> result = new CompletableFuture<>();
        try {
            Guild guild = requireGuild(guildId);
            GuildChannel channel = spec.channelId() == null ? null : guild.getGuildChannelById(spec.channelId());
            var action = channel != null
                    ? guild.createScheduledEvent(spec.name(), channel, utc(spec.start()))
                            .setEndTime(utc(spec.end()))
                    : guild.createScheduledEvent(spec.name(), spec.location(), utc(spec.start()), utc(spec.end()));
            action.setDescription(spec.description())
                    .queue(
                            e -> result.complete(e.getId()),
                            e -> result.completeExceptionally(eventFailure("creating", e)));
        } catch (RuntimeException e) {
            result.completeExceptionally(eventFailure("creating", e));
        }
        return result;
    }

    @Override
    public CompletableFuture<Void> updateEvent(String guildId, String eventId, EventSpec spec) {
        return withEvent(guildId, eventId, "updating", event -> {
            var manager = event.getManager().setName(spec.name()).setDescription(spec.description());
            GuildChannel channel = spec.channelId() == null ? null : jda.getGuildChannelById(spec.channelId());
            // the end first: moving an external event needs an end after its new start
            manager.setEndTime(utc(spec.end())).setStartTime(utc(spec.start()));
            if (channel != null) manager.setLocation(channel);
            else manager.setLocation(spec.location());
            return manager;
        });
    }

    @Override
    public CompletableFuture<Void> cancelEvent(String guildId, String eventId) {
        return withEvent(
                guildId, eventId, "canceling", event -> event.getManager().setStatus(ScheduledEvent.Status.CANCELED));
    }

    /** Fetches the event (the light client caches none) and queues the change {@code edit} makes to it. */
    private CompletableFuture<Void> withEvent(
            String guildId,
            String eventId,
            String what,
            java.util.function.Function<ScheduledEvent, net.dv8tion.jda.api.managers.ScheduledEventManager> edit) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            requireGuild(guildId)
                    .retrieveScheduledEventById(eventId)
                    .flatMap(edit::apply)
                    .queue(v -> result.complete(null), e -> result.completeExceptionally(eventFailure(what, e)));
        } catch (RuntimeException e) {
            result.completeExceptionally(eventFailure(what, e));
        }
        return result;
    }

    private Guild requireGuild(String guildId) {
        Guild guild = jda.getGuildById(guildId);
        if (guild == null) throw new IllegalStateException("server " + guildId + " is not visible to the bot");
        return guild;
    }

    private static OffsetDateTime utc(java.time.Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static EventException eventFailure(String what, Throwable e) {
        if (e instanceof ErrorResponseException r) {
            return new EventException(
                    what + " the scheduled event failed: " + r.getErrorResponse() + " (" + r.getMeaning() + ")",
                    r,
                    r.getErrorResponse() == ErrorResponse.UNKNOWN_SCHEDULED_EVENT);
        }
        if (e instanceof InsufficientPermissionException p) {
            return new EventException(
                    what + " the scheduled event failed: missing "
                            + p.getPermission().getName(),
                    p);
        }
        return new EventException(what + " the scheduled event failed: " + e, e);
    }

    /**
     * Lets the interactions in flight finish and queue their replies, then stops JDA, which sends
     * what is queued before it closes (JDA's own shutdown hook is off: it would stop JDA first).
     */
    @Override
    public void close() {
        try {
            if (!interactions.drain(Duration.ofSeconds(10))) log.warn("Stopping with answers still being worked on");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jda.shutdown();
        try {
            if (!jda.awaitShutdown(Duration.ofSeconds(10))) jda.shutdownNow();
        } catch (InterruptedException e) {
            jda.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
