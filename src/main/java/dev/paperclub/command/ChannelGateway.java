package dev.paperclub.command;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Posting outside an interaction: a message in a channel, a discussion thread under it, and a
 * direct message to a member. The Discord adapter implements it with JDA; the console prints
 * the post. Failures (the channel is gone, no permission, a member's DMs are closed) are
 * {@link PostException}s with a message for the log.
 */
public interface ChannelGateway {
    /** Posts {@code message} in {@code channelId}; returns the new message's id. Blocks: not for interaction threads. */
    String post(String channelId, Reply message) throws PostException;

    /** Opens a public thread named {@code name} (shortened to what the platform allows) on a posted message. */
    void openThread(String channelId, String messageId, String name) throws PostException;

    /**
     * Sends {@code message} to a member privately (a direct message), mentioning nobody; returns
     * the message's id. {@code userName} is how the member was last seen, for a platform that
     * addresses people by name. Blocks: not for interaction threads.
     */
    default String directMessage(String userId, String userName, Reply message) throws PostException {
        throw new PostException("direct messages cannot be sent from here");
    }

    /**
     * Whether the member is in the server, asked of the platform (a direct message has no server,
     * so a button pressed there must check). Throws when the platform cannot say right now.
     * A gateway with no servers to ask (the console) says yes.
     */
    default boolean isMember(String guildId, String userId) throws PostException {
        return true;
    }

    /**
     * Posts without waiting (an interaction's thread must never wait on Discord's rate limits):
     * the future completes with the message id or a {@link PostException}.
     */
    default CompletableFuture<String> send(String channelId, Reply message) {
        try {
            return CompletableFuture.completedFuture(post(channelId, message));
        } catch (PostException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * What the bot lacks to post highlights in {@code channelId} (View Channel, Send Messages,
     * Embed Links, and Create Public Threads when {@code threads}), checked without a request.
     * A gateway that has no permissions to check (the console) grants everything.
     */
    default ChannelAccess access(String channelId, boolean threads) {
        return ChannelAccess.granted(channelId);
    }

    /**
     * Why the bot cannot create ({@code create}) or edit its scheduled events in {@code guildId},
     * held in the voice or stage channel {@code channelId} (null: elsewhere), naming the missing
     * permissions; empty when it can. A gateway without events (the console) says so.
     */
    default Optional<String> eventProblem(String guildId, String channelId, boolean create) {
        return Optional.of("scheduled events exist only on Discord");
    }

    /**
     * What kind of place a channel of the server is, with its name; empty when the bot does not see
     * it in that server (a channel of another server is not a place for this one's events).
     */
    default Optional<Place> place(String guildId, String channelId) {
        return Optional.empty();
    }

    /** Creates a scheduled event without waiting; the future completes with its id or an {@link EventException}. */
    default CompletableFuture<String> createEvent(String guildId, EventSpec spec) {
        return EventException.failed("scheduled events exist only on Discord");
    }

    /** Brings an existing scheduled event in step with {@code spec}, without waiting. */
    default CompletableFuture<Void> updateEvent(String guildId, String eventId, EventSpec spec) {
        return EventException.failed("scheduled events exist only on Discord");
    }

    /** Marks a scheduled event canceled, without waiting. */
    default CompletableFuture<Void> cancelEvent(String guildId, String eventId) {
        return EventException.failed("scheduled events exist only on Discord");
    }

    /** A channel as a place to meet: a voice or stage channel hosts the event itself. */
    record Place(Kind kind, String name) {
        public enum Kind {
            VOICE,
            STAGE,
            OTHER
        }
    }

    /**
     * A scheduled event as the bot asks for it: in {@code channelId} (a voice or stage channel), or
     * elsewhere ({@code channelId} null) at {@code location}. Lengths are already within Discord's
     * limits (name 100, description 1,000, location 100).
     */
    record EventSpec(String name, String description, Instant start, Instant end, String channelId, String location) {}

    /** A scheduled event request that failed, with a message for the log. */
    final class EventException extends Exception {
        private final boolean eventGone;

        public EventException(String message) {
            this(message, null, false);
        }

        public EventException(String message, Throwable cause) {
            this(message, cause, false);
        }

        /** {@code eventGone}: Discord no longer has the event (deleted there: Unknown Guild Scheduled Event). */
        public EventException(String message, Throwable cause, boolean eventGone) {
            super(message, cause);
            this.eventGone = eventGone;
        }

        /** Whether {@code e} says the event no longer exists in Discord, so its id is worth forgetting. */
        public static boolean eventGone(Throwable e) {
            Throwable t =
                    e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            return t instanceof EventException x && x.eventGone;
        }

        /** A future already failed with this exception. */
        static <T> CompletableFuture<T> failed(String message) {
            return CompletableFuture.failedFuture(new EventException(message));
        }
    }

    /** The bot's standing in a channel: whether it sees it, its name, and the permissions it lacks there. */
    record ChannelAccess(boolean visible, String channelName, List<String> missing) {
        public ChannelAccess {
            missing = List.copyOf(missing);
        }

        public static ChannelAccess granted(String channelName) {
            return new ChannelAccess(true, channelName, List.of());
        }

        public boolean ok() {
            return visible && missing.isEmpty();
        }

        /** "missing Embed Links in #papers", or why the channel cannot be used; empty when {@link #ok()}. */
        public String problem() {
            if (!visible)
                return "I can't see the channel " + channelName + " (it was deleted, or I have no access to it)";
            if (missing.isEmpty()) return "";
            return "missing " + String.join(", ", missing) + " in #" + channelName;
        }
    }

    /** A post that did not go out; {@code rejectedCards} are the cards Discord refused (empty: the whole post failed). */
    final class PostException extends Exception {
        private final List<Integer> rejectedCards;
        private final boolean refusedByRecipient;

        public PostException(String message) {
            this(message, List.of(), null);
        }

        public PostException(String message, Throwable cause) {
            this(message, List.of(), cause);
        }

        public PostException(String message, List<Integer> rejectedCards, Throwable cause) {
            this(message, rejectedCards, cause, false);
        }

        private PostException(String message, List<Integer> rejectedCards, Throwable cause, boolean refused) {
            super(message, cause);
            this.rejectedCards = List.copyOf(rejectedCards);
            this.refusedByRecipient = refused;
        }

        /** A direct message the member does not accept (their privacy settings), not a fault of the bot's. */
        public static PostException refusedByRecipient(String message, Throwable cause) {
            return new PostException(message, List.of(), cause, true);
        }

        /** Whether the member refuses direct messages from the bot: only they can change that. */
        public boolean refusedByRecipient() {
            return refusedByRecipient;
        }

        /** Indexes into the message's cards of the ones refused for their content (a bad link, say). */
        public List<Integer> rejectedCards() {
            return rejectedCards;
        }
    }

    /** A gateway that can be attached later (the Discord client starts after the app is wired). */
    final class Late implements ChannelGateway {
        private volatile ChannelGateway delegate;

        public void attach(ChannelGateway g) {
            delegate = g;
        }

        public boolean attached() {
            return delegate != null;
        }

        @Override
        public String post(String channelId, Reply message) throws PostException {
            ChannelGateway d = delegate;
            if (d == null) throw new PostException("not connected to Discord yet");
            return d.post(channelId, message);
        }

        @Override
        public void openThread(String channelId, String messageId, String name) throws PostException {
            ChannelGateway d = delegate;
            if (d == null) throw new PostException("not connected to Discord yet");
            d.openThread(channelId, messageId, name);
        }

        @Override
        public String directMessage(String userId, String userName, Reply message) throws PostException {
            ChannelGateway d = delegate;
            if (d == null) throw new PostException("not connected to Discord yet");
            return d.directMessage(userId, userName, message);
        }

        @Override
        public boolean isMember(String guildId, String userId) throws PostException {
            ChannelGateway d = delegate;
            if (d == null) throw new PostException("not connected to Discord yet");
            return d.isMember(guildId, userId);
        }

        @Override
        public CompletableFuture<String> send(String channelId, Reply message) {
            ChannelGateway d = delegate;
            if (d == null) return CompletableFuture.failedFuture(new PostException("not connected to Discord yet"));
            return d.send(channelId, message);
        }

        @Override
        public Optional<String> eventProblem(String guildId, String channelId, boolean create) {
            ChannelGateway d = delegate;
            return d == null ? Optional.of("not connected to Discord yet") : d.eventProblem(guildId, channelId, create);
        }

        @Override
        public Optional<Place> place(String guildId, String channelId) {
            ChannelGateway d = delegate;
            return d == null ? Optional.empty() : d.place(guildId, channelId);
        }

        @Override
        public CompletableFuture<String> createEvent(String guildId, EventSpec spec) {
            return viaDelegate(d -> d.createEvent(guildId, spec));
        }

        @Override
        public CompletableFuture<Void> updateEvent(String guildId, String eventId, EventSpec spec) {
            return viaDelegate(d -> d.updateEvent(guildId, eventId, spec));
        }

        @Override
        public CompletableFuture<Void> cancelEvent(String guildId, String eventId) {
            return viaDelegate(d -> d.cancelEvent(guildId, eventId));
        }

        private <T> CompletableFuture<T> viaDelegate(
                java.util.function.Function<ChannelGateway, CompletableFuture<T>> call) {
            ChannelGateway d = delegate;
            return d == null ? EventException.failed("not connected to Discord yet") : call.apply(d);
        }

        /** Not connected yet: nothing to check, and the post itself will say so. */
        @Override
        public ChannelAccess access(String channelId, boolean threads) {
            ChannelGateway d = delegate;
            return d == null ? ChannelAccess.granted(channelId) : d.access(channelId, threads);
        }
    }
}
