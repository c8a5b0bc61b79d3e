package dev.paperclub.discord.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * A small Discord stand-in on 127.0.0.1 that the real JDA client logs in to: REST under
 * {@code /api/v10/} (JDK {@code HttpServer}) and a plain {@code ws://} gateway (Java-WebSocket).
 *
 * <p>Tests drive the bot through it ({@link #sendSlashCommand}, {@link #sendAutocomplete},
 * {@link #sendButton}), then assert on the HTTP requests the bot made ({@link #requests()},
 * {@link #awaitCallback}, {@link #awaitRequest}). Faults ({@link #failNext}, {@link #rateLimitNext},
 * {@link #dropGatewayConnection}, {@link #deleteChannel}, {@link #missingPermission}) let tests
 * check resilience. The payload shapes follow /work/shared/discord-double.md and JDA 6.5.0's
 * parsers: what JDA reads without a default is always present.
 *
 * <p>Route patterns (for faults) are a path below {@code /api/v10/}, optionally preceded by an
 * HTTP method; a segment {@code *} or {@code {name}} matches any one segment:
 * {@code "POST channels/{id}/messages"}, {@code "interactions/*\/*\/callback"}.
 */
public final class DiscordDouble implements AutoCloseable {
    public static final long DISCORD_EPOCH_MS = 1420070400000L;
    private static final String API = "/api/v10/";
    private static final int LOADING_FLAG = 128;
    private static final int EPHEMERAL_FLAG = 64;

    // ---------------------------------------------------------------- value types

    /**
     * A guild member that presses buttons and runs commands. {@code permissions} is the decimal
     * string Discord puts in {@code member.permissions} (Manage Server = 32, Administrator = 8).
     * JDA ignores that string for guilds it has cached and computes permissions from
     * {@code roleIds} against the guild's roles, so the factories on {@link DiscordDouble}
     * ({@link #member}, {@link #moderator}, {@link #administrator}) keep the two consistent.
     */
    public record Member(String userId, String username, List<String> roleIds, String permissions) {
        public Member {
            Objects.requireNonNull(userId);
            Objects.requireNonNull(username);
            roleIds = List.copyOf(roleIds);
            Objects.requireNonNull(permissions);
        }
    }

    /** A guild role; the {@code @everyone} role has the guild's id. */
    public record Role(String id, String name, long permissions, int position) {}

    /** A channel permission overwrite: {@code type} 0 for a role, 1 for a member. */
    public record Overwrite(String id, int type, long allow, long deny) {}

    /** A guild channel; {@code type} 0 is a text channel. */
    public record Channel(String id, String name, int type, int position) {}

    /** One guild as the double announces it in GUILD_CREATE. */
    public record Guild(String id, String name, List<Channel> channels, List<Role> roles) {
        public Guild {
            channels = List.copyOf(channels);
            roles = List.copyOf(roles);
        }

        public Optional<Channel> channel(String channelName) {
            return channels.stream().filter(c -> c.name().equals(channelName)).findFirst();
        }

        public Optional<Role> role(String roleName) {
            return roles.stream().filter(r -> r.name().equals(roleName)).findFirst();
        }
    }

    /** A typed option value beyond plain strings, numbers and booleans. */
    public sealed interface OptionValue permits ChannelOption, RoleOption, UserOption, AttachmentOption {}

    /** Channel option (type 7); resolved from the double's guild channels. */
    public record ChannelOption(String channelId) implements OptionValue {}

    /** Role option (type 8). */
    public record RoleOption(String roleId) implements OptionValue {}

    /** User option (type 6); the member is sent in {@code resolved.users} and {@code resolved.members}. */
    public record UserOption(Member member) implements OptionValue {}

    /**
     * Attachment option (type 11). The double serves {@code content} at the attachment's
     * {@code url}, so a bot that downloads the file gets these bytes.
     */
    public record AttachmentOption(String filename, String contentType, byte[] content) implements OptionValue {}

    // ---------------------------------------------------------------- state

    private final String token;
    private final String botUserId;
    private final String applicationId;
    private final String botUsername;
    private final List<Guild> guilds;
    private final Set<String> joined = ConcurrentHashMap.newKeySet();
    private final Map<String, String> botRoleByGuild = new LinkedHashMap<>();
    private final HttpServer http;
    private final ExecutorService httpExecutor;
    private final FakeGateway gateway;

    private final AtomicLong idSequence = new AtomicLong();
    private final List<Entry> recorded = new ArrayList<>(); // guarded by itself

    /**
     * A request in the log. It takes its place when received (so JDA's follow-up never precedes
     * its cause) but waiters see it only once answered: a test that shuts JDA down right after an
     * await must not interrupt JDA while it still reads the response.
     */
    private static final class Entry {
        final Recorded request;
        boolean answered; // guarded by recorded

        Entry(Recorded request) {
            this.request = request;
        }
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Set<String> deletedChannels = ConcurrentHashMap.newKeySet();
    private final Set<String> forbiddenChannels = ConcurrentHashMap.newKeySet();
    /** Permission overwrites by channel id, announced in GUILD_CREATE and applied to the bot's requests. */
    private final Map<String, List<Overwrite>> overwrites = new ConcurrentHashMap<>();
    /** Guilds the bot left or was removed from: no longer in READY, their channels answer 404 to the bot. */
    private final Set<String> leftGuilds = ConcurrentHashMap.newKeySet();

    private final List<String> rejectedEmbedTexts = new CopyOnWriteArrayList<>();
    private final Map<String, InteractionState> interactions = new ConcurrentHashMap<>();
    private final Map<String, DataObject> messages = new ConcurrentHashMap<>();
    private final Map<String, DataObject> threads = new ConcurrentHashMap<>();
    private final Map<String, DataArray> commandsByScope = new ConcurrentHashMap<>();
    private final Map<String, AttachmentOption> attachments = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, String> originalByToken = new ConcurrentHashMap<>();
    private final Map<String, Long> callbackReceivedNanos = new ConcurrentHashMap<>();
    private final List<String> pings = new CopyOnWriteArrayList<>();
    /** Direct-message channels the bot opened ({@code POST users/@me/channels}): channel id → user id, and back. */
    private final Map<String, String> dmUserByChannel = new ConcurrentHashMap<>();

    private final Map<String, String> dmChannelByUser = new ConcurrentHashMap<>();
    /** Members who do not accept direct messages from the bot: posting to them answers 50007. */
    private final Set<String> closedDms = ConcurrentHashMap.newKeySet();
    /** The messages delivered in each member's DM channel (user id → message ids). */
    private final Map<String, List<String>> dmMessageIds = new ConcurrentHashMap<>();
    /** Every member made up for a test (user id → the member) and the guild they are in. */
    private final Map<String, Member> membersById = new ConcurrentHashMap<>();

    private final Map<String, String> guildOfMember = new ConcurrentHashMap<>();
    /** Guild scheduled events by id, as Discord stores them (see {@link ScheduledEventRules}). */
    private final Map<String, DataObject> scheduledEvents = new ConcurrentHashMap<>();

    private volatile Duration attachmentDelay = Duration.ZERO;

    /** What the double remembers about an interaction it dispatched. */
    private record InteractionState(
            String id,
            String token,
            int type,
            String guildId,
            String channelId,
            String messageId,
            Instant dispatchedAt,
            long dispatchedNanos) {}

    private record Fault(String method, Pattern path, int status, long retryAfterMs, AtomicInteger remaining) {}

    private record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply json(int status, Object json) {
            return new Reply(
                    status,
                    Map.of("Content-Type", "application/json"),
                    json.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Reply noContent() {
            return new Reply(204, Map.of(), null);
        }

        static Reply error(int status, int code, String message) {
            return json(status, DataObject.empty().put("message", message).put("code", code));
        }
    }

    private record Body(String json, boolean multipart, List<String> fileNames, List<byte[]> fileContents) {
        DataObject object() {
            String t = json.strip();
            return t.startsWith("{") ? DataObject.fromJson(t) : DataObject.empty();
        }
    }

    /** Options for a double; {@link #start()} gives the defaults. */
    public static final class Builder {
        private String token = "PaperClubDouble." + UUID.randomUUID().toString().replace("-", "");
        private final List<String> guildNames = new ArrayList<>(List.of("PaperClub Lab"));
        private final Set<String> notJoined = new java.util.HashSet<>();
        private final List<String> extraChannels = new ArrayList<>();
        private final Map<String, Long> extraRoles = new LinkedHashMap<>();
        private final Map<String, Long> botDenied = new LinkedHashMap<>();
        private final List<String> voiceChannels = new ArrayList<>();
        private long botGranted;
        private Duration heartbeatInterval = Duration.ofMillis(41_250);

        private Builder() {}

        public Builder token(String value) {
            this.token = Objects.requireNonNull(value);
            return this;
        }

        /** Adds another guild (the first one is "PaperClub Lab"); each gets the same channels and roles. */
        public Builder addGuild(String name) {
            guildNames.add(name);
            return this;
        }

        /**
         * Adds a guild the bot is not in yet: READY does not list it, interactions from it arrive
         * with a detached guild (as for a user-installed app), until {@link #joinGuild} adds the bot.
         */
        public Builder addGuildNotJoined(String name) {
            guildNames.add(name);
            notJoined.add(name);
            return this;
        }

        /** Adds a text channel to every guild, after the default {@code general} and {@code papers}. */
        public Builder addTextChannel(String name) {
            extraChannels.add(name);
            return this;
        }

        /** Adds a voice channel to every guild, after the text channels. */
        public Builder addVoiceChannel(String name) {
            voiceChannels.add(name);
            return this;
        }

        /** Gives the bot's role {@code permissions} beyond {@link #BOT_PERMISSIONS} (e.g. Manage Events) in every guild. */
        public Builder grantBot(long permissions) {
            botGranted |= permissions;
            return this;
        }

        /** Adds a role to every guild, after the defaults (Moderator = Manage Server, Admin = Administrator). */
        public Builder addRole(String name, long permissions) {
            extraRoles.put(name, permissions);
            return this;
        }

        /**
         * In every guild's channel {@code channelName}, an overwrite on the bot's role denies
         * {@code permissions} (as a server admin would in the channel's settings).
         */
        public Builder denyBotInChannel(String channelName, long permissions) {
            botDenied.merge(channelName, permissions, (a, c) -> a | c);
            return this;
        }

        public Builder heartbeatInterval(Duration value) {
            this.heartbeatInterval = value;
            return this;
        }

        public DiscordDouble start() {
            return new DiscordDouble(this);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One guild, "PaperClub Lab", with text channels general and papers. */
    public static DiscordDouble start() {
        return builder().start();
    }

    /** Permissions of {@code @everyone} in the double's guilds: enough to read, post and use commands. */
    public static final long EVERYONE_PERMISSIONS = Permission.getRaw(
            Permission.VIEW_CHANNEL,
            Permission.MESSAGE_SEND,
            Permission.MESSAGE_HISTORY,
            Permission.MESSAGE_EMBED_LINKS,
            Permission.MESSAGE_ATTACH_FILES,
            Permission.MESSAGE_ADD_REACTION,
            Permission.USE_APPLICATION_COMMANDS,
            Permission.CREATE_PUBLIC_THREADS,
            Permission.MESSAGE_SEND_IN_THREADS);

    private static final long ALL_PERMISSIONS = Permission.getRaw(Permission.values());

    /** Permissions of the bot's own role: posting, embeds, threads (the bot never needs more). */
    public static final long BOT_PERMISSIONS =
            EVERYONE_PERMISSIONS | Permission.getRaw(Permission.MANAGE_THREADS, Permission.MESSAGE_EXT_EMOJI);

    private DiscordDouble(Builder b) {
        this.token = b.token;
        this.botUserId = Long.toString(nextId());
        this.applicationId = Long.toString(nextId());
        this.botUsername = "PaperClub";
        List<Guild> built = new ArrayList<>();
        for (String name : b.guildNames) {
            String guildId = Long.toString(nextId());
            List<Channel> channels = new ArrayList<>();
            channels.add(new Channel(Long.toString(nextId()), "general", 0, 0));
            channels.add(new Channel(Long.toString(nextId()), "papers", 0, 1));
            for (String extra : b.extraChannels) {
                channels.add(new Channel(Long.toString(nextId()), extra, 0, channels.size()));
            }
            for (String voice : b.voiceChannels) {
                channels.add(new Channel(Long.toString(nextId()), voice, 2, channels.size()));
            }
            List<Role> roles = new ArrayList<>();
            roles.add(new Role(guildId, "@everyone", EVERYONE_PERMISSIONS, 0));
            roles.add(new Role(Long.toString(nextId()), "Moderator", Permission.MANAGE_SERVER.getRawValue(), 1));
            roles.add(new Role(Long.toString(nextId()), "Admin", Permission.ADMINISTRATOR.getRawValue(), 2));
            for (Map.Entry<String, Long> extra : b.extraRoles.entrySet()) {
                roles.add(new Role(Long.toString(nextId()), extra.getKey(), extra.getValue(), roles.size()));
            }
            Role botRole = new Role(Long.toString(nextId()), botUsername, BOT_PERMISSIONS | b.botGranted, roles.size());
            roles.add(botRole);
            botRoleByGuild.put(guildId, botRole.id());
            for (Channel c : channels) {
                Long denied = b.botDenied.get(c.name());
                if (denied != null) overwrites.put(c.id(), List.of(new Overwrite(botRole.id(), 0, 0, denied)));
            }
            built.add(new Guild(guildId, name, channels, roles));
            if (!b.notJoined.contains(name)) {
                joined.add(guildId);
            }
        }
        this.guilds = List.copyOf(built);

        try {
            this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the REST double", e);
        }
        AtomicInteger threadNo = new AtomicInteger();
        this.httpExecutor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "discord-double-rest-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(httpExecutor);
        http.createContext("/", this::handle);
        http.start();

        this.gateway = new FakeGateway(token, (int) b.heartbeatInterval.toMillis(), this::sessionStart);
        gateway.startAndWait();
    }

    // ---------------------------------------------------------------- accessors

    public String restBaseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + API;
    }

    public String gatewayUrl() {
        return "ws://127.0.0.1:" + gateway.getPort();
    }

    public String token() {
        return token;
    }

    public String botUserId() {
        return botUserId;
    }

    public String applicationId() {
        return applicationId;
    }

    public List<Guild> guilds() {
        return guilds;
    }

    /** The first guild's id. */
    public String guildId() {
        return guilds.get(0).id();
    }

    /** The first guild's {@code general} text channel, where interactions happen by default. */
    public String textChannelId() {
        return channelId(guildId(), "general");
    }

    public String channelId(String guildId, String channelName) {
        return guild(guildId)
                .channel(channelName)
                .orElseThrow(() -> new IllegalArgumentException("no channel " + channelName))
                .id();
    }

    public String roleId(String guildId, String roleName) {
        return guild(guildId)
                .role(roleName)
                .orElseThrow(() -> new IllegalArgumentException("no role " + roleName))
                .id();
    }

    private Guild guild(String guildId) {
        return guilds.stream()
                .filter(g -> g.id().equals(guildId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no guild " + guildId));
    }

    /** Gateway counters: how often the bot identified, resumed and heartbeated. */
    public int gatewayIdentifies() {
        return gateway.identifies();
    }

    public int gatewayResumes() {
        return gateway.resumes();
    }

    public int gatewayHeartbeats() {
        return gateway.heartbeats();
    }

    /** When the double dispatched an interaction (for latency measurements). */
    public Optional<Instant> dispatchedAt(String interactionId) {
        return Optional.ofNullable(interactions.get(interactionId)).map(InteractionState::dispatchedAt);
    }

    /** Nanoseconds from an interaction's dispatch to its first successful callback, if recorded. */
    public Optional<Long> callbackLatencyNanos(String interactionId) {
        InteractionState state = interactions.get(interactionId);
        Long received = callbackReceivedNanos.get(interactionId);
        return state == null || received == null ? Optional.empty() : Optional.of(received - state.dispatchedNanos());
    }

    // ---------------------------------------------------------------- members

    /** A member without roles: only {@code @everyone}'s permissions, in the first guild. */
    public Member member(String username) {
        return memberWithRoles(username, List.of());
    }

    /** A member holding the Moderator role (Manage Server, 32). */
    public Member moderator(String username) {
        return memberWithRoles(username, List.of(roleId(guildId(), "Moderator")));
    }

    /** A member holding the Admin role (Administrator, 8). */
    public Member administrator(String username) {
        return memberWithRoles(username, List.of(roleId(guildId(), "Admin")));
    }

    /** A member of the first guild with these roles; {@code permissions} is computed as Discord does. */
    public Member memberWithRoles(String username, List<String> roleIds) {
        return memberIn(guildId(), username, roleIds);
    }

    /** A member holding that guild's Moderator role (Manage Server). */
    public Member moderatorIn(String guildId, String username) {
        return memberIn(guildId, username, List.of(roleId(guildId, "Moderator")));
    }

    /** A member of {@code guildId} with these roles; {@code permissions} is computed as Discord does. */
    public Member memberIn(String guildId, String username, List<String> roleIds) {
        long perms = EVERYONE_PERMISSIONS;
        for (Role role : guild(guildId).roles()) {
            if (roleIds.contains(role.id())) {
                perms |= role.permissions();
            }
        }
        if ((perms & Permission.ADMINISTRATOR.getRawValue()) != 0) {
            perms = ALL_PERMISSIONS;
        }
        Member m = new Member(Long.toString(nextId()), username, roleIds, Long.toString(perms));
        membersById.put(m.userId(), m);
        guildOfMember.put(m.userId(), guildId);
        return m;
    }

    // ---------------------------------------------------------------- direct messages

    /** The member no longer accepts direct messages from the bot: a DM to them answers 403 with code 50007. */
    public void closeDirectMessages(Member member) {
        closedDms.add(member.userId());
    }

    /** The member leaves their server: {@code GET guilds/{g}/members/{u}} answers 404 Unknown Member. */
    public void removeMember(Member member) {
        guildOfMember.remove(member.userId());
    }

    /** The id of the DM channel the bot opened with the member, if it did. */
    public Optional<String> directMessageChannel(Member member) {
        return Optional.ofNullable(dmChannelByUser.get(member.userId()));
    }

    /** The ids of the messages the bot sent the member in their DM channel, in order. */
    public List<String> directMessageIds(Member member) {
        return List.copyOf(dmMessageIds.getOrDefault(member.userId(), List.of()));
    }

    /** The bot's message posts (answered or refused) in its DM channel with the member, in order. */
    public List<Recorded> directMessagesTo(Member member) {
        String channel = dmChannelByUser.get(member.userId());
        if (channel == null) {
            return List.of();
        }
        String path = "channels/" + channel + "/messages";
        return requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals(path))
                .toList();
    }

    /** The first post in the bot's DM channel with the member that has {@code status}, waiting up to {@code timeout}. */
    public Recorded awaitDirectMessage(Member member, int status, Duration timeout) {
        return awaitRequest(
                r -> r.status() == status
                        && r.method().equals("POST")
                        && dmChannelByUser.containsKey(member.userId())
                        && r.path().equals("channels/" + dmChannelByUser.get(member.userId()) + "/messages"),
                timeout);
    }

    /**
     * Dispatches a button press on a message the bot sent in its DM channel with the member, as
     * Discord does there: context 1 (the bot's DM), a {@code user} and no guild or member.
     */
    public String sendButtonInDirectMessage(String customId, String messageId, Member member) {
        DataObject message = messages.get(messageId);
        if (message == null || !dmUserByChannel.containsKey(message.getString("channel_id"))) {
            throw new IllegalArgumentException("no direct message " + messageId);
        }
        // Discord: a guild-installed app's owner key 0 is "0" for an interaction in the bot's DM
        return dispatchInDirectMessage(
                3,
                message.getString("channel_id"),
                member,
                DataObject.empty().put("0", "0"),
                DataObject.empty().put("custom_id", customId).put("component_type", 2),
                DataObject.fromJson(message.toString()),
                messageId);
    }

    private DataObject dmChannelJson(String channelId, String userId) {
        Member m = membersById.get(userId);
        return DataObject.empty()
                .put("id", channelId)
                .put("type", 1)
                .put("last_message_id", null)
                .put("flags", 0)
                .put(
                        "recipients",
                        DataArray.empty().add(userJson(userId, m == null ? "user" + userId : m.username(), false)));
    }

    /** {@code POST users/@me/channels}: opens the DM channel with {@code recipient_id}, or returns the open one. */
    private Reply openDirectMessageChannel(Body body) {
        String userId = body.object().getString("recipient_id", "");
        if (!membersById.containsKey(userId)) {
            return Reply.error(400, 50033, "Invalid Recipient(s)");
        }
        String channelId = dmChannelByUser.computeIfAbsent(userId, u -> {
            String id = Long.toString(nextId());
            dmUserByChannel.put(id, u);
            return id;
        });
        return Reply.json(200, dmChannelJson(channelId, userId));
    }

    /** A message in a DM channel: refused with 50007 when the member does not accept DMs from the bot. */
    private Reply postDirectMessage(String channelId, Body body) {
        if (closedDms.contains(dmUserByChannel.get(channelId))) {
            return Reply.error(403, 50007, "Cannot send messages to this user");
        }
        DataObject message = newMessage(channelId, null, body.object(), false);
        messages.put(message.getString("id"), message);
        dmMessageIds
                .computeIfAbsent(dmUserByChannel.get(channelId), u -> new CopyOnWriteArrayList<>())
                .add(message.getString("id"));
        return Reply.json(200, message);
    }

    /** {@code GET guilds/{g}/members/{u}}: the member while they are in that guild, else 10007 Unknown Member. */
    private Reply guildMember(String guildId, String userId) {
        Member m = membersById.get(userId);
        if (m == null || !guildId.equals(guildOfMember.get(userId)) || leftGuilds.contains(guildId)) {
            return Reply.error(404, 10007, "Unknown Member");
        }
        return Reply.json(
                200,
                DataObject.empty()
                        .put("user", userJson(m.userId(), m.username(), false))
                        .put("roles", DataArray.fromCollection(m.roleIds()))
                        .put("joined_at", timestamp())
                        .put("deaf", false)
                        .put("mute", false)
                        .put("flags", 0)
                        .put("pending", false));
    }

    // ---------------------------------------------------------------- driving the bot

    /** Dispatches a slash command in the first guild's general channel; returns the interaction id. */
    public String sendSlashCommand(String name, Map<String, ?> options, Member member) {
        return sendSlashCommandIn(guildId(), textChannelId(), name, null, options, member);
    }

    /**
     * Dispatches a slash command with a subcommand ({@code "remove"}, or {@code "group sub"} for a
     * subcommand group).
     */
    public String sendSlashCommand(String name, String subcommand, Map<String, ?> options, Member member) {
        return sendSlashCommandIn(guildId(), textChannelId(), name, subcommand, options, member);
    }

    /** The general form: any guild and channel the double knows; {@code subcommand} may be null. */
    public String sendSlashCommandIn(
            String guildId, String channelId, String name, String subcommand, Map<String, ?> options, Member member) {
        DataObject resolved = DataObject.empty();
        DataArray typed = DataArray.empty();
        options.forEach((key, value) -> typed.add(option(key, value, guildId, resolved)));
        DataObject data = commandData(name, guildId, nest(subcommand, typed));
        if (!resolved.keys().isEmpty()) {
            data.put("resolved", resolved);
        }
        return dispatchInteraction(2, guildId, channelId, member, data, null, null);
    }

    /** Dispatches an autocomplete request for a top-level option; returns the interaction id. */
    public String sendAutocomplete(
            String name, String focusedOption, String typedValue, Map<String, ?> otherOptions, Member member) {
        return sendAutocomplete(name, null, focusedOption, typedValue, otherOptions, member);
    }

    /** Dispatches an autocomplete request; exactly the focused option carries {@code "focused": true}. */
    public String sendAutocomplete(
            String name,
            String subcommand,
            String focusedOption,
            String typedValue,
            Map<String, ?> otherOptions,
            Member member) {
        DataObject resolved = DataObject.empty();
        DataArray typed = DataArray.empty();
        otherOptions.forEach((key, value) -> typed.add(option(key, value, guildId(), resolved)));
        // Discord sends the partial input as a string whatever the option type
        typed.add(DataObject.empty()
                .put("name", focusedOption)
                .put("type", 3)
                .put("value", typedValue)
                .put("focused", true));
        DataObject data = commandData(name, guildId(), nest(subcommand, typed));
        return dispatchInteraction(4, guildId(), textChannelId(), member, data, null, null);
    }

    /**
     * Dispatches a button press on a message. When the message is one the bot posted through the
     * double, that message (with its components) is sent along; otherwise a bot message in the
     * general channel is made up.
     */
    public String sendButton(String customId, String messageId, Member member) {
        DataObject data = DataObject.empty().put("custom_id", customId).put("component_type", 2);
        return dispatchComponent(data, messageId, member);
    }

    /** Dispatches a string select menu choice (component type 3). */
    public String sendStringSelect(String customId, String messageId, List<String> values, Member member) {
        DataObject data = DataObject.empty()
                .put("custom_id", customId)
                .put("component_type", 3)
                .put("values", DataArray.fromCollection(values));
        return dispatchComponent(data, messageId, member);
    }

    private String dispatchComponent(DataObject data, String messageId, Member member) {
        DataObject message = messages.get(messageId);
        if (message == null) {
            message = newMessage(textChannelId(), guildId(), DataObject.empty().put("content", ""), false);
            message.put("id", messageId);
        }
        String channelId = message.getString("channel_id");
        String guildId = message.getString("guild_id", guildId());
        return dispatchInteraction(
                3, guildId, channelId, member, data, DataObject.fromJson(message.toString()), messageId);
    }

    private DataArray nest(String subcommand, DataArray options) {
        if (subcommand == null) {
            return options;
        }
        String[] parts = subcommand.trim().split("\\s+");
        DataObject sub = DataObject.empty()
                .put("name", parts[parts.length - 1])
                .put("type", 1)
                .put("options", options);
        if (parts.length == 1) {
            return DataArray.empty().add(sub);
        }
        return DataArray.empty()
                .add(DataObject.empty()
                        .put("name", parts[0])
                        .put("type", 2)
                        .put("options", DataArray.empty().add(sub)));
    }

    private DataObject commandData(String name, String guildId, DataArray options) {
        DataObject data = DataObject.empty().put("name", name).put("type", 1).put("options", options);
        Optional<DataObject> guildCommand = registeredCommand(guildId, name);
        Optional<DataObject> command = guildCommand.or(() -> registeredCommand("global", name));
        data.put("id", command.map(c -> c.getString("id")).orElseGet(() -> Long.toString(nextId())));
        guildCommand.ifPresent(c -> data.put("guild_id", guildId));
        return data;
    }

    private Optional<DataObject> registeredCommand(String scope, String name) {
        DataArray commands = commandsByScope.get(scope);
        if (commands == null) {
            return Optional.empty();
        }
        return commands.stream(DataArray::getObject)
                .filter(c -> name.equals(c.getString("name", "")))
                .findFirst();
    }

    private DataObject option(String name, Object value, String guildId, DataObject resolved) {
        DataObject option = DataObject.empty().put("name", name);
        if (value instanceof String s) {
            return option.put("type", 3).put("value", s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return option.put("type", 4).put("value", ((Number) value).longValue());
        } else if (value instanceof Boolean bool) {
            return option.put("type", 5).put("value", bool);
        } else if (value instanceof Double || value instanceof Float) {
            return option.put("type", 10).put("value", ((Number) value).doubleValue());
        } else if (value instanceof ChannelOption channel) {
            Channel c = guild(guildId).channels().stream()
                    .filter(x -> x.id().equals(channel.channelId()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no channel " + channel.channelId()));
            resolvedMap(resolved, "channels")
                    .put(c.id(), channelJson(c, guildId).put("permissions", Long.toString(ALL_PERMISSIONS)));
            return option.put("type", 7).put("value", c.id());
        } else if (value instanceof RoleOption role) {
            Role r = guild(guildId).roles().stream()
                    .filter(x -> x.id().equals(role.roleId()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no role " + role.roleId()));
            resolvedMap(resolved, "roles").put(r.id(), roleJson(r));
            return option.put("type", 8).put("value", r.id());
        } else if (value instanceof UserOption user) {
            Member m = user.member();
            resolvedMap(resolved, "users").put(m.userId(), userJson(m.userId(), m.username(), false));
            resolvedMap(resolved, "members")
                    .put(
                            m.userId(),
                            DataObject.empty()
                                    .put("roles", DataArray.fromCollection(m.roleIds()))
                                    .put("joined_at", timestamp())
                                    .put("permissions", m.permissions())
                                    .put("flags", 0));
            return option.put("type", 6).put("value", m.userId());
        } else if (value instanceof AttachmentOption file) {
            String id = Long.toString(nextId());
            attachments.put(id, file);
            String url =
                    "http://127.0.0.1:" + http.getAddress().getPort() + "/attachments/" + id + "/" + file.filename();
            resolvedMap(resolved, "attachments")
                    .put(
                            id,
                            DataObject.empty()
                                    .put("id", id)
                                    .put("filename", file.filename())
                                    .put("size", file.content().length)
                                    .put("url", url)
                                    .put("proxy_url", url)
                                    .put("content_type", file.contentType()));
            return option.put("type", 11).put("value", id);
        }
        throw new IllegalArgumentException("unsupported option value for " + name + ": " + value);
    }

    private static DataObject resolvedMap(DataObject resolved, String key) {
        if (!resolved.hasKey(key)) {
            resolved.put(key, DataObject.empty());
        }
        return resolved.getObject(key);
    }

    private String dispatchInteraction(
            int type,
            String guildId,
            String channelId,
            Member member,
            DataObject data,
            DataObject message,
            String messageId) {
        String id = Long.toString(nextId());
        String interactionToken =
                "itoken_" + id + "_" + UUID.randomUUID().toString().replace("-", "");
        Channel channel =
                findChannel(channelId).orElseThrow(() -> new IllegalArgumentException("no channel " + channelId));
        DataObject payload = DataObject.empty()
                .put("id", id)
                .put("application_id", applicationId)
                .put("token", interactionToken)
                .put("type", type)
                .put("version", 1)
                .put("guild_id", guildId)
                .put(
                        "guild",
                        DataObject.empty()
                                .put("id", guildId)
                                .put("locale", "en-US")
                                .put("features", DataArray.empty()))
                .put("channel_id", channelId)
                .put("channel", channelJson(channel, guildId).put("permissions", member.permissions()))
                .put(
                        "member",
                        DataObject.empty()
                                .put("user", userJson(member.userId(), member.username(), false))
                                .put("roles", DataArray.fromCollection(member.roleIds()))
                                .put("permissions", member.permissions())
                                .put("joined_at", timestamp())
                                .put("deaf", false)
                                .put("mute", false)
                                .put("flags", 0)
                                .put("pending", false))
                .put("locale", "en-US")
                .put("guild_locale", "en-US")
                .put("app_permissions", Long.toString(BOT_PERMISSIONS | EVERYONE_PERMISSIONS))
                .put("entitlements", DataArray.empty())
                .put(
                        "authorizing_integration_owners",
                        joined.contains(guildId)
                                ? DataObject.empty().put("0", guildId)
                                : DataObject.empty().put("1", member.userId()))
                .put("context", 0)
                .put("attachment_size_limit", 10 * 1024 * 1024)
                .put("data", data);
        return dispatchPayload(payload, message, id, interactionToken, type, guildId, channelId, messageId);
    }

    // ---------------------------------------------------------------- faults

    /** The next {@code count} requests matching {@code routePattern} are answered with {@code status}. */
    public void failNext(String routePattern, int status, int count) {
        addFault(routePattern, status, 0, count);
    }

    /**
     * The next request matching {@code routePattern} gets a 429 for a per-route (not global, not
     * Cloudflare) limit: {@code Retry-After} in whole seconds, {@code X-RateLimit-Scope: user}, a
     * {@code via} header (without it JDA takes a 429 for a Cloudflare ban on every route) and a
     * JSON body with {@code retry_after}.
     */
    public void rateLimitNext(String routePattern, Duration retryAfter) {
        addFault(routePattern, 429, Math.max(1, retryAfter.toMillis()), 1);
    }

    private void addFault(String routePattern, int status, long retryAfterMs, int count) {
        String pattern = routePattern.trim();
        String method = null;
        int space = pattern.indexOf(' ');
        if (space > 0) {
            method = pattern.substring(0, space).toUpperCase(Locale.ROOT);
            pattern = pattern.substring(space + 1).trim();
        }
        if (pattern.startsWith("/")) {
            pattern = pattern.substring(1);
        }
        String regex = java.util.Arrays.stream(pattern.split("/"))
                .map(seg -> seg.equals("*") || seg.matches("\\{[^}]*}") ? "[^/]+" : Pattern.quote(seg))
                .collect(Collectors.joining("/"));
        faults.add(new Fault(method, Pattern.compile(regex), status, retryAfterMs, new AtomicInteger(count)));
    }

    /**
     * Closes the gateway socket abnormally (1006, no close frame), as a network failure would.
     * Dispatches sent before JDA resumes are buffered and replayed on RESUME.
     */
    public void dropGatewayConnection() {
        gateway.dropConnection();
    }

    /**
     * Drops the socket and refuses the bot's RESUME with INVALID_SESSION ({@code d:false}), so
     * JDA must IDENTIFY again and receives a new READY and GUILD_CREATEs. Dispatches sent in
     * between go to the old session and are lost, as on Discord.
     */
    public void dropGatewaySession() {
        gateway.dropSession();
    }

    /**
     * Drops the gateway socket (1006) and refuses the bot's reconnects (the opening handshake fails)
     * until {@link #acceptGatewayConnections()}: Discord unreachable for a while.
     */
    public void dropGatewayAndRefuseReconnects() {
        gateway.refuseConnections(true);
        gateway.dropConnection();
    }

    /** Ends {@link #dropGatewayAndRefuseReconnects()}: the bot's next reconnect is accepted (and may resume). */
    public void acceptGatewayConnections() {
        gateway.refuseConnections(false);
    }

    /** Waits until the bot's session is carried by a live gateway connection again. */
    public void awaitGatewayLive(Duration timeout) {
        try {
            if (!gateway.awaitLive(timeout)) {
                throw new AssertionError("the bot did not (re)connect to the gateway within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Later requests for this channel answer 404 Unknown Channel (10003). Only REST changes: no
     * CHANNEL_DELETE is dispatched, which is the case of a bot whose cache still holds the channel.
     */
    public void deleteChannel(String channelId) {
        deletedChannels.add(channelId);
    }

    /** Deletes the channel as a server admin would: REST answers 404 from now on and CHANNEL_DELETE is dispatched. */
    public void deleteChannelAndNotify(String channelId) {
        Channel c = findChannel(channelId).orElseThrow(() -> new IllegalArgumentException("no channel " + channelId));
        String guildId = guildOf(channelId).orElseThrow();
        deletedChannels.add(channelId);
        gateway.dispatch("CHANNEL_DELETE", channelJson(c, guildId));
    }

    /** A server admin removes (kicks) the bot: GUILD_DELETE without {@code unavailable}, as Discord sends it. */
    public void removeBotFromGuild(String guildId) {
        guild(guildId);
        leftGuilds.add(guildId);
        gateway.dispatch("GUILD_DELETE", DataObject.empty().put("id", guildId));
    }

    /** Whether the bot left (or was removed from) the guild. */
    public boolean botLeft(String guildId) {
        return leftGuilds.contains(guildId);
    }

    /**
     * Posts with an embed that contains {@code text} anywhere (title, fields, footer) are refused with 400
     * Invalid Form Body naming that embed's url, as Discord does for an embed it will not accept.
     */
    public void rejectEmbedsContaining(String text) {
        rejectedEmbedTexts.add(text);
    }

    /** The bot's effective permissions in a channel of the double: its roles, then the channel's overwrites. */
    public long botPermissionsIn(String channelId) {
        String guildId = guildOf(channelId).orElseThrow(() -> new IllegalArgumentException("no channel " + channelId));
        String botRole = botRoleByGuild.get(guildId);
        long perms = botGuildPermissions(guildId);
        if (perms == ALL_PERMISSIONS) return ALL_PERMISSIONS;
        List<Overwrite> list = overwrites.getOrDefault(channelId, List.of());
        // Discord's order: @everyone's overwrite, then the roles' (denies, then allows), then the member's
        for (Overwrite o : list) {
            if (o.type() == 0 && o.id().equals(guildId)) perms = (perms & ~o.deny()) | o.allow();
        }
        long roleDeny = 0;
        long roleAllow = 0;
        for (Overwrite o : list) {
            if (o.type() == 0 && o.id().equals(botRole)) {
                roleDeny |= o.deny();
                roleAllow |= o.allow();
            }
        }
        perms = (perms & ~roleDeny) | roleAllow;
        for (Overwrite o : list) {
            if (o.type() == 1 && o.id().equals(botUserId)) perms = (perms & ~o.deny()) | o.allow();
        }
        return perms;
    }

    /** Attachments are served only after this delay: a slow download keeps the bot's handler busy. */
    public void delayAttachments(Duration delay) {
        attachmentDelay = delay;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Later posts to this channel answer 403 Missing Permissions (50013), e.g. after an overwrite changed. */
    public void missingPermission(String channelId) {
        forbiddenChannels.add(channelId);
    }

    // ---------------------------------------------------------------- inspection

    /**
     * Forgets recorded requests, interactions and messages so far (a long soak would otherwise
     * grow the double's memory and slow its scans); guilds, commands and faults stay.
     */
    public void forget() {
        synchronized (recorded) {
            recorded.clear();
        }
        interactions.clear();
        messages.clear();
        threads.clear();
        attachments.clear();
        acknowledged.clear();
        originalByToken.clear();
        callbackReceivedNanos.clear();
        pings.clear();
    }

    /**
     * Every mention Discord would have turned into a notification so far, as
     * {@code "everyone|role <id>|user <id> in <path>"}: a mention in a message's content pings
     * when the request's {@code allowed_mentions} allows it, and an absent {@code allowed_mentions}
     * allows users, roles and everyone (Discord's default). Embeds never ping.
     */
    public List<String> pings() {
        return List.copyOf(pings);
    }

    private static final Pattern EVERYONE = Pattern.compile("@(everyone|here)");
    private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d+)>");
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");

    private void recordPings(Recorded r) {
        boolean sendsMessage = isCallback(r)
                || r.method().equals("PATCH") && r.path().contains("/messages/")
                || r.method().equals("POST")
                        && (r.path().startsWith("webhooks/")
                                || CHANNEL_MESSAGES.matcher(r.path()).matches());
        if (!sendsMessage) {
            return;
        }
        DataObject message = isCallback(r) ? r.data() : r.json();
        String content = message.getString("content", "");
        Set<String> parse = Set.of("users", "roles", "everyone");
        List<String> roles = List.of();
        List<String> users = List.of();
        if (message.hasKey("allowed_mentions") && !message.isNull("allowed_mentions")) {
            DataObject allowed = message.getObject("allowed_mentions");
            parse = strings(allowed, "parse").stream().collect(Collectors.toSet());
            roles = strings(allowed, "roles");
            users = strings(allowed, "users");
        }
        Matcher m = EVERYONE.matcher(content);
        while (m.find()) {
            if (parse.contains("everyone")) {
                pings.add("everyone in " + r.path());
            }
        }
        m = ROLE_MENTION.matcher(content);
        while (m.find()) {
            if (parse.contains("roles") || roles.contains(m.group(1))) {
                pings.add("role " + m.group(1) + " in " + r.path());
            }
        }
        m = USER_MENTION.matcher(content);
        while (m.find()) {
            if (parse.contains("users") || users.contains(m.group(1))) {
                pings.add("user " + m.group(1) + " in " + r.path());
            }
        }
    }

    private static List<String> strings(DataObject o, String key) {
        return o.optArray(key).map(a -> a.stream(DataArray::getString).toList()).orElse(List.of());
    }

    /** The bot is added to a guild built with {@link Builder#addGuildNotJoined}: GUILD_CREATE is dispatched. */
    public void joinGuild(String guildId) {
        if (joined.add(guildId)) {
            gateway.dispatch("GUILD_CREATE", guildCreate(guild(guildId)));
        }
    }

    /** The commands last registered in a scope: {@code "global"} or a guild id (empty when none). */
    public DataArray registeredCommands(String scope) {
        return DataArray.fromJson(
                commandsByScope.getOrDefault(scope, DataArray.empty()).toString());
    }

    /**
     * Dispatches a slash command from a direct message with the bot (context 1, a user-installed
     * app): no guild and no member, only {@code user}; returns the interaction id.
     */
    public String sendDirectSlashCommand(String name, Map<String, ?> options, Member member) {
        DataArray typed = DataArray.empty();
        options.forEach((key, value) -> typed.add(option(key, value, guildId(), DataObject.empty())));
        DataObject data = DataObject.empty()
                .put("name", name)
                .put("type", 1)
                .put("options", typed)
                .put(
                        "id",
                        registeredCommand("global", name)
                                .map(c -> c.getString("id"))
                                .orElseGet(() -> Long.toString(nextId())));
        // a user-installed app: owner key 1 is the user
        return dispatchInDirectMessage(
                2, Long.toString(nextId()), member, DataObject.empty().put("1", member.userId()), data, null, null);
    }

    /** Sends an INTERACTION_CREATE (with the pressed message, if any) and remembers the interaction for its callback. */
    private String dispatchPayload(
            DataObject payload,
            DataObject message,
            String id,
            String interactionToken,
            int type,
            String guildId,
            String channelId,
            String messageId) {
        if (message != null) {
            payload.put("message", message);
        }
        interactions.put(
                id,
                new InteractionState(
                        id, interactionToken, type, guildId, channelId, messageId, Instant.now(), System.nanoTime()));
        gateway.dispatch("INTERACTION_CREATE", payload);
        return id;
    }

    /** An interaction from the member's DM with the bot (context 1): a {@code user}, no guild and no member. */
    private String dispatchInDirectMessage(
            int type,
            String channelId,
            Member member,
            DataObject owners,
            DataObject data,
            DataObject message,
            String messageId) {
        String id = Long.toString(nextId());
        String interactionToken =
                "itoken_" + id + "_" + UUID.randomUUID().toString().replace("-", "");
        DataObject payload = DataObject.empty()
                .put("id", id)
                .put("application_id", applicationId)
                .put("token", interactionToken)
                .put("type", type)
                .put("version", 1)
                .put("channel_id", channelId)
                .put("channel", dmChannelJson(channelId, member.userId()))
                .put("user", userJson(member.userId(), member.username(), false))
                .put("locale", "en-US")
                .put("app_permissions", Long.toString(EVERYONE_PERMISSIONS))
                .put("entitlements", DataArray.empty())
                .put("authorizing_integration_owners", owners)
                .put("context", 1)
                .put("attachment_size_limit", 10 * 1024 * 1024)
                .put("data", data);
        return dispatchPayload(payload, message, id, interactionToken, type, null, channelId, messageId);
    }

    /** Every request so far, in the order they were answered. */
    public List<Recorded> requests() {
        synchronized (recorded) {
            return recorded.stream().map(e -> e.request).toList();
        }
    }

    /** The first request matching {@code condition}, waiting up to {@code timeout}; fails the test otherwise. */
    public Recorded awaitRequest(Predicate<Recorded> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (recorded) {
            while (true) {
                for (Entry e : recorded) {
                    if (e.answered && condition.test(e.request)) {
                        return e.request;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    int from = Math.max(0, recorded.size() - 20);
                    throw new AssertionError("no matching request within " + timeout + "; last requests:\n  "
                            + recorded.subList(from, recorded.size()).stream()
                                    .map(e -> e.request.toString())
                                    .collect(Collectors.joining("\n  ")));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(recorded, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** The successful callback ({@code POST interactions/{id}/{token}/callback}) for an interaction. */
    public Recorded awaitCallback(String interactionId, Duration timeout) {
        return awaitRequest(
                r -> r.succeeded() && isCallback(r) && r.segments().get(1).equals(interactionId), timeout);
    }

    /** The first successful bulk overwrite of commands, global or guild. */
    public Recorded awaitCommandRegistration(Duration timeout) {
        return awaitRequest(
                r -> r.succeeded()
                        && r.method().equals("PUT")
                        && r.path().startsWith("applications/")
                        && r.path().endsWith("/commands"),
                timeout);
    }

    /** The first successful post to {@code channels/{channelId}/messages}. */
    public Recorded awaitChannelMessage(String channelId, Duration timeout) {
        String path = "channels/" + channelId + "/messages";
        return awaitRequest(
                r -> r.succeeded() && r.method().equals("POST") && r.path().equals(path), timeout);
    }

    private static boolean isCallback(Recorded r) {
        List<String> s = r.segments();
        return r.method().equals("POST")
                && s.size() == 4
                && s.get(0).equals("interactions")
                && s.get(3).equals("callback");
    }

    // ---------------------------------------------------------------- gateway session payloads

    private List<FakeGateway.Dispatch> sessionStart(String sessionId) {
        List<FakeGateway.Dispatch> out = new ArrayList<>();
        DataArray stubs = DataArray.empty();
        guilds.stream()
                .filter(g -> joined.contains(g.id()) && !leftGuilds.contains(g.id()))
                .forEach(g -> stubs.add(DataObject.empty().put("id", g.id()).put("unavailable", true)));
        out.add(new FakeGateway.Dispatch(
                "READY",
                DataObject.empty()
                        .put("v", 10)
                        .put(
                                "user",
                                userJson(botUserId, botUsername, true)
                                        .put("verified", true)
                                        .put("mfa_enabled", false)
                                        .put("flags", 0))
                        .put("guilds", stubs)
                        .put("private_channels", DataArray.empty())
                        .put("relationships", DataArray.empty())
                        .put("presences", DataArray.empty())
                        .put("session_id", sessionId)
                        .put("session_type", "normal")
                        .put("resume_gateway_url", gatewayUrl())
                        .put(
                                "application",
                                DataObject.empty().put("id", applicationId).put("flags", 0))
                        .put("_trace", DataArray.empty().add("paperclub-double"))));
        for (Guild g : guilds) {
            if (!joined.contains(g.id()) || leftGuilds.contains(g.id())) {
                continue;
            }
            out.add(new FakeGateway.Dispatch("GUILD_CREATE", guildCreate(g)));
        }
        return out;
    }

    private DataObject guildCreate(Guild g) {
        DataArray roles = DataArray.empty();
        g.roles().forEach(r -> roles.add(roleJson(r)));
        DataArray channels = DataArray.empty();
        g.channels().forEach(c -> channels.add(channelJson(c, g.id())));
        DataObject botMember = DataObject.empty()
                .put("user", userJson(botUserId, botUsername, true))
                .put("roles", DataArray.empty().add(botRoleByGuild.get(g.id())))
                .put("joined_at", timestamp())
                .put("deaf", false)
                .put("mute", false)
                .put("flags", 0)
                .put("pending", false);
        return DataObject.empty()
                .put("id", g.id())
                .put("name", g.name())
                .put("icon", null)
                .put("description", null)
                // an owner who is never a test member: the owner bypasses every permission check
                .put("owner_id", Long.toString(nextId()))
                .put("afk_timeout", 300)
                .put("verification_level", 0)
                .put("default_message_notifications", 0)
                .put("explicit_content_filter", 0)
                .put("mfa_level", 0)
                .put("nsfw_level", 0)
                .put("premium_tier", 0)
                .put("premium_progress_bar_enabled", false)
                .put("system_channel_flags", 0)
                .put("preferred_locale", "en-US")
                .put("features", DataArray.empty())
                .put("large", false)
                .put("unavailable", false)
                .put("joined_at", timestamp())
                .put("member_count", 3)
                .put("members", DataArray.empty().add(botMember))
                .put("roles", roles)
                .put("channels", channels)
                .put("threads", DataArray.empty())
                .put("guild_scheduled_events", DataArray.empty())
                .put("emojis", DataArray.empty())
                .put("stickers", DataArray.empty())
                .put("soundboard_sounds", DataArray.empty())
                .put("voice_states", DataArray.empty())
                .put("presences", DataArray.empty())
                .put("stage_instances", DataArray.empty());
    }

    private static DataObject roleJson(Role r) {
        return DataObject.empty()
                .put("id", r.id())
                .put("name", r.name())
                .put("position", r.position())
                .put("permissions", Long.toString(r.permissions()))
                .put("color", 0)
                .put(
                        "colors",
                        DataObject.empty()
                                .put("primary_color", 0)
                                .put("secondary_color", null)
                                .put("tertiary_color", null))
                .put("hoist", false)
                .put("managed", false)
                .put("mentionable", false)
                .put("flags", 0);
    }

    private DataObject channelJson(Channel c, String guildId) {
        DataArray perms = DataArray.empty();
        overwrites
                .getOrDefault(c.id(), List.of())
                .forEach(o -> perms.add(DataObject.empty()
                        .put("id", o.id())
                        .put("type", o.type())
                        .put("allow", Long.toString(o.allow()))
                        .put("deny", Long.toString(o.deny()))));
        DataObject json = DataObject.empty();
        if (c.type() == 2 || c.type() == 13) {
            json.put("bitrate", 64000)
                    .put("user_limit", 0)
                    .put("rtc_region", null)
                    .put("video_quality_mode", 1);
        }
        return json.put("id", c.id())
                .put("type", c.type())
                .put("guild_id", guildId)
                .put("name", c.name())
                .put("position", c.position())
                .put("parent_id", null)
                .put("topic", null)
                .put("nsfw", false)
                .put("rate_limit_per_user", 0)
                .put("last_message_id", null)
                .put("permission_overwrites", perms);
    }

    private static DataObject userJson(String id, String username, boolean bot) {
        return DataObject.empty()
                .put("id", id)
                .put("username", username)
                .put("global_name", null)
                .put("discriminator", "0")
                .put("avatar", null)
                .put("bot", bot)
                .put("public_flags", 0);
    }

    private Optional<Channel> findChannel(String channelId) {
        return guilds.stream()
                .flatMap(g -> g.channels().stream())
                .filter(c -> c.id().equals(channelId))
                .findFirst();
    }

    private Optional<String> guildOf(String channelId) {
        Optional<String> direct = guilds.stream()
                .filter(g -> g.channels().stream().anyMatch(c -> c.id().equals(channelId)))
                .map(Guild::id)
                .findFirst();
        return direct.or(() -> Optional.ofNullable(threads.get(channelId)).map(t -> t.getString("guild_id")));
    }

    // ---------------------------------------------------------------- REST

    private void handle(HttpExchange exchange) {
        Entry logged = null;
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String fullPath = exchange.getRequestURI().getPath();
            String query = Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), "");
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String contentType =
                    Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Content-Type"), "");
            Body body = parseBody(contentType, raw);
            String path = fullPath.startsWith(API) ? fullPath.substring(API.length()) : fullPath.substring(1);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            Instant receivedAt = Instant.now();
            long receivedNanos = System.nanoTime();

            Reply reply;
            try {
                reply = fault(method, path)
                        .orElseGet(() -> route(method, path, query, body, headers, fullPath.startsWith(API)));
            } catch (RuntimeException e) {
                reply = Reply.error(500, 0, "double failed: " + e);
            }
            Recorded entry = new Recorded(
                    method,
                    path,
                    query,
                    headers,
                    body.json(),
                    body.multipart(),
                    body.fileNames(),
                    body.fileContents(),
                    reply.status(),
                    receivedAt);
            if (entry.succeeded()) {
                recordPings(entry);
            }
            if (entry.succeeded() && isCallback(entry)) {
                callbackReceivedNanos.putIfAbsent(entry.segments().get(1), receivedNanos);
            }
            logged = new Entry(entry);
            synchronized (recorded) {
                recorded.add(logged);
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (reply.body() == null) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(reply.body());
                }
            }
        } catch (IOException e) {
            // the client went away (JDA shutting down); nothing to answer
        } finally {
            exchange.close();
            if (logged != null) {
                synchronized (recorded) {
                    logged.answered = true;
                    recorded.notifyAll();
                }
            }
        }
    }

    private Optional<Reply> fault(String method, String path) {
        for (Fault f : faults) {
            if ((f.method() == null || f.method().equals(method))
                    && f.path().matcher(path).matches()
                    && f.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (f.status() == 429) {
                    double seconds = f.retryAfterMs() / 1000.0;
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("Content-Type", "application/json");
                    // JDA parses Retry-After as whole seconds (Long.parseLong)
                    headers.put("Retry-After", Long.toString((long) Math.ceil(seconds)));
                    headers.put("X-RateLimit-Scope", "user");
                    headers.put("X-RateLimit-Limit", "5");
                    headers.put("X-RateLimit-Remaining", "0");
                    headers.put("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", seconds));
                    headers.put("via", "1.1 google");
                    return Optional.of(new Reply(
                            429,
                            headers,
                            DataObject.empty()
                                    .put("message", "You are being rate limited.")
                                    .put("retry_after", seconds)
                                    .put("global", false)
                                    .toString()
                                    .getBytes(StandardCharsets.UTF_8)));
                }
                return Optional.of(Reply.error(f.status(), 0, f.status() + ": injected by the test"));
            }
        }
        return Optional.empty();
    }

    private static final Pattern CALLBACK = Pattern.compile("interactions/([^/]+)/([^/]+)/callback");
    private static final Pattern WEBHOOK = Pattern.compile("webhooks/([^/]+)/([^/]+)");
    private static final Pattern WEBHOOK_MESSAGE = Pattern.compile("webhooks/([^/]+)/([^/]+)/messages/([^/]+)");
    private static final Pattern COMMANDS = Pattern.compile("applications/([^/]+)/commands");
    private static final Pattern GUILD_COMMANDS = Pattern.compile("applications/([^/]+)/guilds/([^/]+)/commands");
    private static final Pattern CHANNEL = Pattern.compile("channels/([^/]+)");
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("channels/([^/]+)/messages");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("channels/([^/]+)/messages/([^/]+)");
    private static final Pattern MESSAGE_THREADS = Pattern.compile("channels/([^/]+)/messages/([^/]+)/threads");
    private static final Pattern ATTACHMENT = Pattern.compile("attachments/([^/]+)/.*");
    private static final Pattern LEAVE_GUILD = Pattern.compile("users/@me/guilds/([^/]+)");
    private static final Pattern GUILD_MEMBER = Pattern.compile("guilds/([^/]+)/members/([^/]+)");
    private static final Pattern SCHEDULED_EVENTS = Pattern.compile("guilds/([^/]+)/scheduled-events");
    private static final Pattern SCHEDULED_EVENT = Pattern.compile("guilds/([^/]+)/scheduled-events/([^/]+)");

    private Reply route(
            String method, String path, String query, Body body, Map<String, List<String>> headers, boolean api) {
        Matcher m;
        if (!api) {
            if (method.equals("GET")
                    && (m = ATTACHMENT.matcher(path)).matches()
                    && attachments.containsKey(m.group(1))) {
                AttachmentOption file = attachments.get(m.group(1));
                sleep(attachmentDelay);
                return new Reply(200, Map.of("Content-Type", file.contentType()), file.content());
            }
            return Reply.error(404, 0, "404: Not Found");
        }
        // interaction callbacks and webhooks are authorised by their token, everything else by the bot token
        boolean tokenRoute = path.startsWith("interactions/") || path.startsWith("webhooks/");
        if (!tokenRoute && !authorized(headers)) {
            return Reply.error(401, 0, "401: Unauthorized");
        }
        if (method.equals("GET") && path.equals("users/@me")) {
            return Reply.json(
                    200,
                    userJson(botUserId, botUsername, true)
                            .put("verified", true)
                            .put("mfa_enabled", false)
                            .put("flags", 0));
        }
        if (method.equals("GET") && path.equals("gateway")) {
            return Reply.json(200, DataObject.empty().put("url", gatewayUrl()));
        }
        if (method.equals("GET") && path.equals("gateway/bot")) {
            return Reply.json(
                    200,
                    DataObject.empty()
                            .put("url", gatewayUrl())
                            .put("shards", 1)
                            .put(
                                    "session_start_limit",
                                    DataObject.empty()
                                            .put("total", 1000)
                                            .put("remaining", 1000)
                                            .put("reset_after", 0)
                                            .put("max_concurrency", 1)));
        }
        if ((m = LEAVE_GUILD.matcher(path)).matches() && method.equals("DELETE")) {
            String guildId = m.group(1);
            if (guilds.stream().noneMatch(g -> g.id().equals(guildId)) || !leftGuilds.add(guildId)) {
                return Reply.error(404, 10004, "Unknown Guild");
            }
            gateway.dispatch("GUILD_DELETE", DataObject.empty().put("id", guildId));
            return Reply.noContent();
        }
        if ((m = SCHEDULED_EVENTS.matcher(path)).matches()) {
            return scheduledEvents(method, m.group(1), null, body);
        }
        if ((m = SCHEDULED_EVENT.matcher(path)).matches()) {
            return scheduledEvents(method, m.group(1), m.group(2), body);
        }
        if ((m = CALLBACK.matcher(path)).matches() && method.equals("POST")) {
            return callback(m.group(1), m.group(2), query, body);
        }
        if ((m = WEBHOOK_MESSAGE.matcher(path)).matches()) {
            return webhookMessage(method, m.group(1), m.group(2), m.group(3), body);
        }
        if ((m = WEBHOOK.matcher(path)).matches() && method.equals("POST")) {
            return followup(m.group(1), m.group(2), query, body);
        }
        if ((m = COMMANDS.matcher(path)).matches()) {
            return commands(method, m.group(1), "global", null, body);
        }
        if ((m = GUILD_COMMANDS.matcher(path)).matches()) {
            return commands(method, m.group(1), m.group(2), m.group(2), body);
        }
        if (method.equals("POST") && path.equals("users/@me/channels")) {
            return openDirectMessageChannel(body);
        }
        if ((m = GUILD_MEMBER.matcher(path)).matches() && method.equals("GET")) {
            return guildMember(m.group(1), m.group(2));
        }
        if ((m = CHANNEL_MESSAGES.matcher(path)).matches()
                && method.equals("POST")
                && dmUserByChannel.containsKey(m.group(1))) {
            return postDirectMessage(m.group(1), body);
        }
        if ((m = MESSAGE_THREADS.matcher(path)).matches() && method.equals("POST")) {
            return createThread(m.group(1), m.group(2), body);
        }
        if ((m = CHANNEL_MESSAGES.matcher(path)).matches() && method.equals("POST")) {
            String channelId = m.group(1);
            return channelCheck(channelId).orElseGet(() -> postMessage(channelId, body));
        }
        if ((m = CHANNEL_MESSAGE.matcher(path)).matches()) {
            return channelMessage(method, m.group(1), m.group(2), body);
        }
        if ((m = CHANNEL.matcher(path)).matches() && method.equals("GET")) {
            String id = m.group(1);
            return channelCheck(id).orElseGet(() -> {
                if (threads.containsKey(id)) {
                    return Reply.json(200, threads.get(id));
                }
                Channel c = findChannel(id).orElseThrow();
                return Reply.json(200, channelJson(c, guildOf(id).orElseThrow()));
            });
        }
        return Reply.error(404, 0, "404: Not Found");
    }

    /**
     * {@code POST guilds/{g}/scheduled-events}, and {@code GET}, {@code PATCH}, {@code DELETE} of
     * one event: Manage Events required (403 50013 without it), the body checked as Discord does.
     */
    private Reply scheduledEvents(String method, String guildId, String eventId, Body body) {
        if (guilds.stream().noneMatch(g -> g.id().equals(guildId)) || leftGuilds.contains(guildId)) {
            return Reply.error(404, 10004, "Unknown Guild");
        }
        DataObject stored = eventId == null ? null : scheduledEvents.get(eventId);
        if (eventId != null && (stored == null || !stored.getString("guild_id").equals(guildId))) {
            return Reply.error(404, 10070, "Unknown Guild Scheduled Event");
        }
        if (method.equals("GET")) {
            return eventId == null
                    ? Reply.json(
                            200,
                            DataArray.fromCollection(scheduledEvents.values().stream()
                                    .filter(e -> e.getString("guild_id").equals(guildId))
                                    .toList()))
                    : Reply.json(200, stored);
        }
        // Discord: creating needs Create Events (Manage Events alone no longer, since February 2026);
        // editing or deleting the bot's own event needs either, anybody else's Manage Events
        long perms = botGuildPermissions(guildId);
        long create = Permission.CREATE_SCHEDULED_EVENTS.getRawValue();
        long manage = Permission.MANAGE_EVENTS.getRawValue();
        boolean allowed = stored == null
                ? (perms & create) != 0
                : (perms & manage) != 0
                        || ((perms & create) != 0 && botUserId.equals(stored.getString("creator_id", "")));
        if (!allowed) {
            return Reply.error(403, 50013, "Missing Permissions");
        }
        if (method.equals("DELETE") && eventId != null) {
            scheduledEvents.remove(eventId);
            return Reply.noContent();
        }
        DataObject request = body.object();
        DataObject merged;
        if (method.equals("POST") && eventId == null) {
            merged = DataObject.fromJson(request.toString())
                    .put("id", Long.toString(nextId()))
                    .put("guild_id", guildId)
                    .put("creator_id", botUserId)
                    .put("status", ScheduledEventRules.SCHEDULED)
                    .put("user_count", 0)
                    .put("image", null);
        } else if (method.equals("PATCH") && eventId != null) {
            merged = DataObject.fromJson(stored.toString());
            for (String key : request.keys()) merged.put(key, request.isNull(key) ? null : request.get(key));
            if (request.hasKey("status")) {
                Optional<ScheduledEventRules.Violation> bad =
                        ScheduledEventRules.checkStatus(stored.getInt("status"), request.getInt("status"));
                if (bad.isPresent()) return invalidForm(bad.get());
            }
        } else {
            return Reply.error(405, 0, "405: Method Not Allowed");
        }
        if (!merged.isNull("channel_id")) merged.put("channel_id", merged.getString("channel_id"));
        if (!merged.isNull("channel_id")) {
            // a voice event also needs View Channel and Connect in its channel
            long needed = Permission.getRaw(Permission.VIEW_CHANNEL, Permission.VOICE_CONNECT);
            if (findChannel(merged.getString("channel_id")).isPresent()
                    && (botPermissionsIn(merged.getString("channel_id")) & needed) != needed) {
                return Reply.error(403, 50013, "Missing Permissions");
            }
        }
        Optional<ScheduledEventRules.Violation> bad = ScheduledEventRules.checkStartAhead(request, Instant.now())
                .or(() -> ScheduledEventRules.check(merged, Instant.now(), id -> guild(guildId).channels().stream()
                        .filter(c -> c.id().equals(id))
                        .mapToInt(Channel::type)
                        .findFirst()
                        .orElse(-1)));
        if (bad.isPresent()) return invalidForm(bad.get());
        scheduledEvents.put(merged.getString("id"), merged);
        return Reply.json(200, merged);
    }

    private static Reply invalidForm(ScheduledEventRules.Violation v) {
        return Reply.json(
                400,
                DataObject.empty()
                        .put("code", 50035)
                        .put("message", "Invalid Form Body")
                        .put("errors", v.errors()));
    }

    /** The bot's permissions in a guild: {@code @everyone} and its own role (Administrator grants all). */
    private long botGuildPermissions(String guildId) {
        String botRole = botRoleByGuild.get(guildId);
        long perms = 0;
        for (Role r : guild(guildId).roles()) {
            if (r.id().equals(guildId) || r.id().equals(botRole)) perms |= r.permissions();
        }
        return (perms & Permission.ADMINISTRATOR.getRawValue()) != 0 ? ALL_PERMISSIONS : perms;
    }

    /** A member deletes a scheduled event in Discord's own interface (no request from the bot). */
    public void deleteScheduledEventByHand(String eventId) {
        scheduledEvents.remove(eventId);
    }

    /** The guild's scheduled events as the double holds them now (copies). */
    public List<DataObject> scheduledEvents(String guildId) {
        return scheduledEvents.values().stream()
                .filter(e -> e.getString("guild_id").equals(guildId))
                .map(e -> DataObject.fromJson(e.toString()))
                .toList();
    }

    private boolean authorized(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
                .flatMap(e -> e.getValue().stream())
                .anyMatch(v -> v.equals("Bot " + token));
    }

    private Optional<Reply> channelCheck(String channelId) {
        boolean known = findChannel(channelId).isPresent() || threads.containsKey(channelId);
        if (!known
                || deletedChannels.contains(channelId)
                || guildOf(channelId).map(leftGuilds::contains).orElse(false)) {
            return Optional.of(Reply.error(404, 10003, "Unknown Channel"));
        }
        if (forbiddenChannels.contains(channelId)) {
            return Optional.of(Reply.error(403, 50013, "Missing Permissions"));
        }
        return Optional.empty();
    }

    private Reply commands(String method, String app, String scope, String guildId, Body body) {
        if (!app.equals(applicationId)) {
            return Reply.error(403, 50001, "Missing Access");
        }
        if (method.equals("GET")) {
            return Reply.json(200, commandsByScope.getOrDefault(scope, DataArray.empty()));
        }
        if (!method.equals("PUT")) {
            return Reply.error(405, 0, "405: Method Not Allowed");
        }
        DataArray sent = DataArray.fromJson(body.json().isBlank() ? "[]" : body.json());
        DataArray answer = DataArray.empty();
        for (int i = 0; i < sent.length(); i++) {
            DataObject command = DataObject.fromJson(sent.getObject(i).toString());
            String id = registeredCommand(scope, command.getString("name"))
                    .map(c -> c.getString("id"))
                    .orElseGet(() -> Long.toString(nextId()));
            command.put("id", id).put("application_id", applicationId).put("version", Long.toString(nextId()));
            if (!command.hasKey("type")) {
                command.put("type", 1);
            }
            if (guildId != null) {
                command.put("guild_id", guildId);
            }
            answer.add(command);
        }
        commandsByScope.put(scope, answer);
        return Reply.json(200, answer);
    }

    private Reply callback(String interactionId, String interactionToken, String query, Body body) {
        InteractionState state = interactions.get(interactionId);
        if (state == null || !state.token().equals(interactionToken)) {
            return Reply.error(404, 10062, "Unknown interaction");
        }
        if (!acknowledged.add(interactionId)) {
            return Reply.error(400, 40060, "Interaction has already been acknowledged.");
        }
        DataObject request = body.object();
        int type = request.getInt("type", -1);
        DataObject data = request.optObject("data").orElseGet(DataObject::empty);
        DataObject message = null;
        switch (type) {
            case 4 -> message = storeOriginal(state, newMessage(state.channelId(), state.guildId(), data, true));
            case 5 -> {
                int flags = data.getInt("flags", 0) | LOADING_FLAG;
                message = storeOriginal(
                        state,
                        newMessage(
                                state.channelId(),
                                state.guildId(),
                                DataObject.empty().put("content", "").put("flags", flags),
                                true));
            }
            case 7 -> {
                DataObject target = state.messageId() == null ? null : messages.get(state.messageId());
                if (target != null) {
                    message = edit(target, data);
                }
            }
            default -> {
                // 6 (deferred update), 8 (choices), 9 (modal) create no message
            }
        }
        if (!query.contains("with_response=true")) {
            return Reply.noContent();
        }
        DataObject interaction = DataObject.empty().put("id", interactionId).put("type", state.type());
        DataObject resource = DataObject.empty().put("type", type);
        if (message != null) {
            interaction
                    .put("response_message_id", message.getString("id"))
                    .put("response_message_loading", type == 5)
                    .put("response_message_ephemeral", (message.getInt("flags", 0) & EPHEMERAL_FLAG) != 0);
            resource.put("message", message);
        }
        return Reply.json(
                200, DataObject.empty().put("interaction", interaction).put("resource", resource));
    }

    private DataObject storeOriginal(InteractionState state, DataObject message) {
        messages.put(message.getString("id"), message);
        originalByToken.put(state.token(), message.getString("id"));
        return message;
    }

    private Optional<InteractionState> byToken(String app, String interactionToken) {
        if (!app.equals(applicationId)) {
            return Optional.empty();
        }
        return interactions.values().stream()
                .filter(s -> s.token().equals(interactionToken))
                .findFirst();
    }

    private Reply followup(String app, String interactionToken, String query, Body body) {
        Optional<InteractionState> state = byToken(app, interactionToken);
        if (state.isEmpty()) {
            return Reply.error(404, 10015, "Unknown Webhook");
        }
        DataObject message = newMessage(state.get().channelId(), state.get().guildId(), body.object(), true);
        messages.put(message.getString("id"), message);
        return query.contains("wait=true") ? Reply.json(200, message) : Reply.noContent();
    }

    private Reply webhookMessage(String method, String app, String interactionToken, String messageId, Body body) {
        Optional<InteractionState> state = byToken(app, interactionToken);
        if (state.isEmpty()) {
            return Reply.error(404, 10015, "Unknown Webhook");
        }
        String id = messageId.equals("@original") ? originalByToken.get(interactionToken) : messageId;
        DataObject message = id == null ? null : messages.get(id);
        if (message == null) {
            return Reply.error(404, 10008, "Unknown Message");
        }
        return switch (method) {
            case "GET" -> Reply.json(200, message);
            case "PATCH" -> Reply.json(200, edit(message, body.object()));
            case "DELETE" -> {
                messages.remove(id);
                yield Reply.noContent();
            }
            default -> Reply.error(405, 0, "405: Method Not Allowed");
        };
    }

    private Reply postMessage(String channelId, Body body) {
        DataObject payload = body.object();
        if (findChannel(channelId).isPresent()) {
            // Discord's rules for a bot posting in a guild channel
            long perms = botPermissionsIn(channelId);
            if ((perms & Permission.VIEW_CHANNEL.getRawValue()) == 0) return Reply.error(403, 50001, "Missing Access");
            if ((perms & Permission.MESSAGE_SEND.getRawValue()) == 0)
                return Reply.error(403, 50013, "Missing Permissions");
            if ((perms & Permission.MESSAGE_EMBED_LINKS.getRawValue()) == 0) payload.put("embeds", DataArray.empty());
        }
        DataArray embeds = payload.optArray("embeds").orElseGet(DataArray::empty);
        for (int i = 0; i < embeds.length(); i++) {
            String text = embeds.getObject(i).toString();
            if (rejectedEmbedTexts.stream().anyMatch(text::contains)) {
                DataObject urlError = DataObject.empty()
                        .put(
                                "_errors",
                                DataArray.empty()
                                        .add(DataObject.empty()
                                                .put("code", "URL_TYPE_INVALID_URL")
                                                .put("message", "Not a well formed URL.")));
                return Reply.json(
                        400,
                        DataObject.empty()
                                .put("code", 50035)
                                .put("message", "Invalid Form Body")
                                .put(
                                        "errors",
                                        DataObject.empty()
                                                .put(
                                                        "embeds",
                                                        DataObject.empty()
                                                                .put(
                                                                        Integer.toString(i),
                                                                        DataObject.empty()
                                                                                .put("url", urlError)))));
            }
        }
        DataObject message = newMessage(channelId, guildOf(channelId).orElse(null), payload, false);
        attachFiles(message, body);
        messages.put(message.getString("id"), message);
        return Reply.json(200, message);
    }

    private Reply channelMessage(String method, String channelId, String messageId, Body body) {
        Optional<Reply> problem = channelCheck(channelId);
        if (problem.isPresent()) {
            return problem.get();
        }
        DataObject message = messages.get(messageId);
        if (message == null || !channelId.equals(message.getString("channel_id"))) {
            return Reply.error(404, 10008, "Unknown Message");
        }
        return switch (method) {
            case "GET" -> Reply.json(200, message);
            case "PATCH" -> Reply.json(200, edit(message, body.object()));
            case "DELETE" -> {
                messages.remove(messageId);
                yield Reply.noContent();
            }
            default -> Reply.error(405, 0, "405: Method Not Allowed");
        };
    }

    private Reply createThread(String channelId, String messageId, Body body) {
        Optional<Reply> problem = channelCheck(channelId);
        if (problem.isPresent()) {
            return problem.get();
        }
        if (findChannel(channelId).isPresent()
                && (botPermissionsIn(channelId) & Permission.CREATE_PUBLIC_THREADS.getRawValue()) == 0) {
            return Reply.error(403, 50013, "Missing Permissions");
        }
        DataObject request = body.object();
        String guildId = guildOf(channelId).orElseThrow();
        DataObject thread = DataObject.empty()
                .put("id", messageId) // Discord gives a thread started from a message the message's id
                .put("type", 11)
                .put("guild_id", guildId)
                .put("parent_id", channelId)
                .put("name", request.getString("name", "thread"))
                .put("owner_id", botUserId)
                .put("member_count", 1)
                .put("message_count", 0)
                .put("total_message_count", 0)
                .put("rate_limit_per_user", request.getInt("rate_limit_per_user", 0))
                .put("flags", 0)
                .put("last_message_id", null)
                .put(
                        "thread_metadata",
                        DataObject.empty()
                                .put("archived", false)
                                .put("locked", false)
                                .put("invitable", true)
                                .put("auto_archive_duration", request.getInt("auto_archive_duration", 1440))
                                .put("archive_timestamp", timestamp())
                                .put("create_timestamp", timestamp()));
        threads.put(messageId, thread);
        return Reply.json(201, thread);
    }

    // ---------------------------------------------------------------- messages

    private DataObject newMessage(String channelId, String guildId, DataObject payload, boolean fromInteraction) {
        DataObject message = DataObject.empty()
                .put("id", Long.toString(nextId()))
                .put("type", 0)
                .put("channel_id", channelId)
                .put("author", userJson(botUserId, botUsername, true))
                .put("content", payload.getString("content", ""))
                .put("embeds", richEmbeds(payload.optArray("embeds").orElseGet(DataArray::empty)))
                .put("components", payload.optArray("components").orElseGet(DataArray::empty))
                .put("attachments", DataArray.empty())
                .put("flags", payload.getInt("flags", 0))
                .put("mentions", DataArray.empty())
                .put("mention_roles", DataArray.empty())
                .put("mention_everyone", false)
                .put("pinned", false)
                .put("tts", payload.getBoolean("tts"))
                .put("timestamp", timestamp())
                .put("edited_timestamp", null);
        if (guildId != null) {
            message.put("guild_id", guildId);
        }
        if (fromInteraction) {
            message.put("webhook_id", applicationId).put("application_id", applicationId);
        }
        return message;
    }

    private DataObject edit(DataObject message, DataObject changes) {
        synchronized (message) {
            if (changes.hasKey("content")) {
                message.put("content", changes.isNull("content") ? "" : changes.getString("content"));
            }
            if (changes.hasKey("embeds")) {
                message.put("embeds", richEmbeds(changes.optArray("embeds").orElseGet(DataArray::empty)));
            }
            if (changes.hasKey("components")) {
                message.put("components", changes.optArray("components").orElseGet(DataArray::empty));
            }
            int flags = message.getInt("flags", 0) & ~LOADING_FLAG; // an edit ends "thinking…"
            if (changes.hasKey("flags") && !changes.isNull("flags")) {
                flags = changes.getInt("flags") | (flags & EPHEMERAL_FLAG);
            }
            message.put("flags", flags).put("edited_timestamp", timestamp());
            return DataObject.fromJson(message.toString());
        }
    }

    private void attachFiles(DataObject message, Body body) {
        DataArray files = DataArray.empty();
        for (String name : body.fileNames()) {
            String id = Long.toString(nextId());
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/attachments/" + id + "/" + name;
            files.add(DataObject.empty()
                    .put("id", id)
                    .put("filename", name)
                    .put("size", 0)
                    .put("url", url)
                    .put("proxy_url", url));
        }
        message.put("attachments", files);
    }

    /** Every embed Discord returns has {@code "type":"rich"}; JDA logs an error for one without. */
    private static DataArray richEmbeds(DataArray embeds) {
        DataArray out = DataArray.empty();
        for (int i = 0; i < embeds.length(); i++) {
            DataObject embed = DataObject.fromJson(embeds.getObject(i).toString());
            if (!embed.hasKey("type")) {
                embed.put("type", "rich");
            }
            out.add(embed);
        }
        return out;
    }

    // ---------------------------------------------------------------- bodies

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern PART_NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern PART_FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    /** Reads a JSON body, or the {@code payload_json} part and file names of a multipart upload. */
    private static Body parseBody(String contentType, byte[] raw) {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return new Body(new String(raw, StandardCharsets.UTF_8), false, List.of(), List.of());
        }
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            return new Body("", true, List.of(), List.of());
        }
        // ISO-8859-1 maps bytes 1:1, so binary file parts cannot break the split; payload_json is re-decoded
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        String json = "";
        List<String> files = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (String part : text.split(Pattern.quote("--" + b.group(1)))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String partHeaders = part.substring(0, split);
            String content = part.substring(split + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            Matcher filename = PART_FILENAME.matcher(partHeaders);
            Matcher name = PART_NAME.matcher(partHeaders);
            if (filename.find()) {
                files.add(filename.group(1));
                contents.add(content.getBytes(StandardCharsets.ISO_8859_1));
            } else if (name.find() && name.group(1).equals("payload_json")) {
                json = new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return new Body(json, true, files, contents);
    }

    // ---------------------------------------------------------------- ids and time

    /** A current snowflake: JDA derives an interaction's 15-minute expiry from its id's timestamp. */
    private long nextId() {
        long millis = System.currentTimeMillis() - DISCORD_EPOCH_MS;
        return (millis << 22) | (idSequence.incrementAndGet() & 0x3FFFFF);
    }

    private static String timestamp() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }

    @Override
    public void close() {
        gateway.shutdown();
        http.stop(0);
        httpExecutor.shutdownNow();
    }
}
