package dev.paperclub.discord;

import dev.paperclub.command.Attachment;
import dev.paperclub.command.ButtonHandler;
import dev.paperclub.command.Caller;
import dev.paperclub.command.Choice;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.CommandService;
import dev.paperclub.command.Options;
import dev.paperclub.command.Reply;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes Discord interactions to the command layer. JDA's event thread only hands work to a
 * bounded executor and returns; each interaction is acknowledged within Discord's 3 s:
 * slow commands are deferred at once, and any other answer not ready after
 * {@value #DEFER_AFTER_MS} ms is deferred too and delivered by editing the deferred reply.
 * A deferral is private exactly when the handler declares its answer private, since Discord
 * fixes the visibility there. Interactions without a server member the bot can read (direct
 * messages, a user-installed app in a server the bot is not in, an unavailable server) get a
 * short private answer instead of reaching the command layer.
 */
public final class InteractionListener extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(InteractionListener.class);
    static final long DEFER_AFTER_MS = 1500;
    static final String OUTSIDE_SERVER = "PaperClub works inside a server it has joined: votes, lists and highlights "
            + "belong to a server. Run the command in such a server (a server admin can add the bot there).";
    private static final int PROGRESS_EDIT_EVERY_MS = 1500;

    private final CommandService commands;
    private final ExecutorService workers;
    /** Slow commands (deferred at once) run apart, so they never hold the threads quick answers need. */
    private final ExecutorService slowWork;
    /** Autocomplete cannot be deferred: its own pool, never queued behind commands. */
    private final ExecutorService autocomplete;

    private final ScheduledExecutorService timers;
    private final Object inFlightLock = new Object();
    private int inFlight; // commands and buttons accepted and not yet answered; guarded by inFlightLock

    public InteractionListener(
            CommandService commands,
            ExecutorService workers,
            ExecutorService slowWork,
            ExecutorService autocomplete,
            ScheduledExecutorService timers) {
        this.commands = commands;
        this.workers = workers;
        this.slowWork = slowWork;
        this.autocomplete = autocomplete;
        this.timers = timers;
    }

    // ---- slash commands

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        Caller caller = caller(event).orElse(null);
        if (caller == null) {
            refuseOutsideServer(event);
            return;
        }
        Map<String, Object> opts = new LinkedHashMap<>();
        for (OptionMapping o : event.getOptions()) opts.put(o.getName(), value(o));
        Acknowledger ack = new Acknowledger(event);
        ProgressEdits progress = new ProgressEdits(ack);
        CommandRequest request =
                new CommandRequest(event.getName(), subcommand(event), new Options(opts), caller, progress);
        ack.privateAnswer = commands.isPrivate(request);
        boolean slow = commands.isSlow(request);
        if (slow) ack.deferNow();
        submit(
                slow ? slowWork : workers,
                () -> {
                    Reply reply = commands.handle(request);
                    ack.deliver(reply);
                },
                ack);
    }

    /** "remove", or "feed add" for a subcommand in a group; null for a command without subcommands. */
    private static String subcommand(net.dv8tion.jda.api.interactions.commands.CommandInteractionPayload event) {
        String sub = event.getSubcommandName();
        String group = event.getSubcommandGroup();
        return sub == null || group == null ? sub : group + " " + sub;
    }

    // ---- buttons

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        Caller caller = caller(event).or(() -> directMessageCaller(event)).orElse(null);
        if (caller == null) {
            refuseOutsideServer(event);
            return;
        }
        String customId = event.getComponentId();
        ButtonAck ack = new ButtonAck(event);
        submit(
                workers,
                () -> {
                    ButtonHandler.ButtonReply r = commands.press(customId, caller);
                    ack.deliver(r);
                },
                ack);
    }

    // ---- autocomplete

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        String key = subcommand(event) == null ? event.getName() : event.getName() + " " + subcommand(event);
        Caller caller = caller(event).orElse(null);
        if (caller == null) {
            event.replyChoices(List.of()).queue(null, e -> log.debug("autocomplete reply failed: {}", e.toString()));
            return;
        }
        String option = event.getFocusedOption().getName();
        String typed = event.getFocusedOption().getValue();
        try {
            autocomplete.execute(() -> {
                List<Choice> choices = commands.autocomplete(key, option, typed, caller);
                event.replyChoices(choices.stream()
                                .limit(25)
                                .map(c -> new Command.Choice(
                                        DiscordRenderer.cut(c.name(), DiscordRenderer.CHOICE_NAME_MAX), c.value()))
                                .toList())
                        .queue(null, e -> log.debug("autocomplete reply failed: {}", e.toString()));
            });
        } catch (RejectedExecutionException e) {
            // too busy to suggest: an empty list, so the member's client stops waiting
            event.replyChoices(List.of()).queue(null, f -> log.debug("autocomplete reply failed: {}", f.toString()));
        }
    }

    // ---- plumbing

    private void submit(ExecutorService pool, Runnable work, Deferrable ack) {
        synchronized (inFlightLock) {
            inFlight++;
        }
        try {
            pool.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("Answering an interaction failed", e);
                    try {
                        ack.fail("Something went wrong on my side; please try again.");
                    } catch (RuntimeException again) {
                        // JDA refuses new requests once it is stopping: the member cannot be told either
                        log.warn("Telling the member that answering failed also failed: {}", again.toString());
                    }
                } finally {
                    done();
                }
            });
            ack.scheduleDeferral(timers);
        } catch (RejectedExecutionException e) {
            done();
            // a slow command was deferred already: the refusal then replaces the "thinking…" message
            ack.fail("I'm very busy right now — please try again in a few seconds.");
        }
    }

    private void done() {
        synchronized (inFlightLock) {
            inFlight--;
            inFlightLock.notifyAll();
        }
    }

    /**
     * Waits until the commands and buttons being answered have queued their replies, at most
     * {@code timeout}; false when some were still running. The pools belong to the app, which
     * goes on to close them; JDA is stopped after this, sending what was queued.
     */
    boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlightLock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(inFlightLock, left);
            }
        }
        return true;
    }

    /**
     * The member asking, or empty when there is none the bot can read: JDA gives a detached guild
     * and member when the bot is not in the server (or it is unavailable), and their permission
     * checks throw; a direct message has no member at all.
     */
    static Optional<Caller> caller(Interaction event) {
        Guild guild = event.getGuild();
        Member member = event.getMember();
        if (guild == null || member == null || guild.isDetached() || member.isDetached()) return Optional.empty();
        try {
            List<String> roles = member.getRoles().stream().map(Role::getId).toList();
            boolean manage =
                    member.hasPermission(Permission.MANAGE_SERVER) || member.hasPermission(Permission.ADMINISTRATOR);
            return Optional.of(new Caller(
                    event.getUser().getId(),
                    member.getEffectiveName(),
                    guild.getId(),
                    event.getChannelId(),
                    roles,
                    manage));
        } catch (RuntimeException e) {
            log.warn("Cannot read the member of an interaction in server {}: {}", guild.getId(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * The member pressing a button in their direct messages with the bot: no server, so the caller
     * has none and only buttons whose id carries their server act ({@code ButtonHandler#worksInDirectMessages}).
     */
    static Optional<Caller> directMessageCaller(Interaction event) {
        if (event.getGuild() != null || event.getChannelType() != ChannelType.PRIVATE) return Optional.empty();
        return Optional.of(new Caller(
                event.getUser().getId(),
                event.getUser().getEffectiveName(),
                null,
                event.getChannelId(),
                List.of(),
                false));
    }

    private static void refuseOutsideServer(IReplyCallback event) {
        event.reply(OUTSIDE_SERVER)
                .setEphemeral(true)
                .queue(null, e -> log.warn("Answering an interaction outside a server failed: {}", e.toString()));
    }

    private static Object value(OptionMapping o) {
        return switch (o.getType()) {
            case INTEGER -> o.getAsLong();
            case BOOLEAN -> o.getAsBoolean();
            case NUMBER -> o.getAsDouble();
            case ATTACHMENT -> {
                Message.Attachment a = o.getAsAttachment();
                yield new Attachment(a.getUrl(), a.getFileName(), a.getSize(), a.getContentType(), false);
            }
            // channels, roles, users and mentionables arrive as ids
            default -> o.getAsString();
        };
    }

    /** Something that acknowledges an interaction late when the answer is slow. */
    private interface Deferrable {
        void scheduleDeferral(ScheduledExecutorService timers);

        void fail(String message);
    }

    /**
     * Acknowledges a slash command exactly once: a direct reply when the answer is quick, or a
     * deferral (at once for slow commands, after {@link #DEFER_AFTER_MS} otherwise) followed by
     * an edit of the deferred reply.
     */
    private static final class Acknowledger implements Deferrable {
        private final SlashCommandInteractionEvent event;
        private volatile boolean privateAnswer;
        private boolean acknowledged;
        private boolean deferredEphemeral;
        private ScheduledFuture<?> timer;

        Acknowledger(SlashCommandInteractionEvent event) {
            this.event = event;
        }

        synchronized void deferNow() {
            if (acknowledged) return;
            acknowledged = true;
            deferredEphemeral = privateAnswer;
            event.deferReply(privateAnswer)
                    .queue(null, e -> log.warn("Deferring /{} failed: {}", event.getName(), e.toString()));
        }

        @Override
        public synchronized void scheduleDeferral(ScheduledExecutorService timers) {
            if (acknowledged) return;
            timer = timers.schedule(this::deferNow, DEFER_AFTER_MS, TimeUnit.MILLISECONDS);
        }

        synchronized boolean deferred() {
            return acknowledged;
        }

        synchronized void deliver(Reply reply) {
            if (timer != null) timer.cancel(false);
            if (!acknowledged) {
                // built before the interaction counts as answered: a message that cannot be built
                // falls back to plain text instead of leaving the member without an answer
                MessageCreateData message = DiscordRenderer.createOrPlain(reply);
                acknowledged = true;
                // JDA retries 502/503/504 and 429 itself; a 500 on the callback is final (JDA marks the
                // interaction acknowledged when the callback is sent, so it cannot be sent again)
                event.reply(message)
                        .setEphemeral(reply.ephemeral())
                        .queue(null, e -> log.warn("Replying to /{} failed: {}", event.getName(), e.toString()));
                return;
            }
            InteractionHook hook = event.getHook();
            if (reply.ephemeral() && !deferredEphemeral) {
                // a private answer (an error) after a public deferral: the loading message goes first, and
                // only then the private follow-up (two routes, whose order JDA does not keep on its own)
                MessageCreateData message = DiscordRenderer.createOrPlain(reply);
                Runnable followUp = () -> hook.sendMessage(message)
                        .setEphemeral(true)
                        .queue(null, e -> log.warn("Follow-up for /{} failed: {}", event.getName(), e.toString()));
                hook.deleteOriginal().queue(done -> followUp.run(), e -> {
                    log.debug("Deleting the loading message of /{} failed: {}", event.getName(), e.toString());
                    followUp.run();
                });
            } else {
                hook.editOriginal(DiscordRenderer.editOrPlain(reply))
                        .queue(
                                null,
                                e -> log.warn("Editing the reply to /{} failed: {}", event.getName(), e.toString()));
            }
        }

        void progress(String text) {
            synchronized (this) {
                if (!acknowledged) return;
            }
            // a lost progress line is replaced by the next one or by the answer: worth a debug line only; and it never
            // stops the work it reports on (JDA refuses new requests while the bot shuts down)
            try {
                event.getHook()
                        .editOriginal(DiscordRenderer.editOrPlain(Reply.text(text)))
                        .queue(null, e -> log.debug("Progress edit of /{} failed: {}", event.getName(), e.toString()));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.debug("Progress edit of /{} not sent: {}", event.getName(), e.toString());
            }
        }

        @Override
        public void fail(String message) {
            deliver(Reply.ephemeral(message));
        }
    }

    /** Throttled progress edits of a deferred reply. */
    private static final class ProgressEdits implements Consumer<String> {
        private final Acknowledger ack;
        private long lastEdit;

        ProgressEdits(Acknowledger ack) {
            this.ack = ack;
        }

        @Override
        public synchronized void accept(String text) {
            long now = System.currentTimeMillis();
            if (now - lastEdit < PROGRESS_EDIT_EVERY_MS) return;
            lastEdit = now;
            ack.progress("⏳ " + text);
        }
    }

    /** Acknowledges a button press: a message update (type 7) or a new reply (type 4), deferred when slow. */
    private static final class ButtonAck implements Deferrable {
        private final ButtonInteractionEvent event;
        private boolean acknowledged;
        private ScheduledFuture<?> timer;

        ButtonAck(ButtonInteractionEvent event) {
            this.event = event;
        }

        @Override
        public synchronized void scheduleDeferral(ScheduledExecutorService timers) {
            if (acknowledged) return;
            timer = timers.schedule(
                    () -> {
                        synchronized (this) {
                            if (acknowledged) return;
                            acknowledged = true;
                            event.deferReply(true)
                                    .queue(null, e -> log.warn("Deferring a button failed: {}", e.toString()));
                        }
                    },
                    DEFER_AFTER_MS,
                    TimeUnit.MILLISECONDS);
        }

        synchronized void deliver(ButtonHandler.ButtonReply r) {
            if (timer != null) timer.cancel(false);
            if (!acknowledged) {
                if (r.updatesMessage()) {
                    var update = DiscordRenderer.editOrPlain(r.reply());
                    acknowledged = true;
                    event.editMessage(update).queue(null, e -> log.warn("Updating a message failed: {}", e.toString()));
                } else {
                    MessageCreateData message = DiscordRenderer.createOrPlain(r.reply());
                    acknowledged = true;
                    event.reply(message)
                            .setEphemeral(r.reply().ephemeral())
                            .queue(null, e -> log.warn("Answering a button failed: {}", e.toString()));
                }
                return;
            }
            // deferred as a private reply: deliver there (a late message update would race other presses)
            event.getHook()
                    .editOriginal(DiscordRenderer.editOrPlain(r.reply()))
                    .queue(null, e -> log.warn("Answering a deferred button failed: {}", e.toString()));
        }

        @Override
        public void fail(String message) {
            deliver(ButtonHandler.ButtonReply.message(Reply.ephemeral(message)));
        }
    }
}
