package dev.paperclub.command;

import dev.paperclub.command.CommandDefinitions.CommandDef;
import dev.paperclub.command.CommandDefinitions.OptionDef;
import dev.paperclub.metrics.Metrics;
import dev.paperclub.metrics.Metrics.Outcome;
import dev.paperclub.store.StoreException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform-neutral command layer: checks a request against its definition, applies the
 * per-user rate limit and the moderator check, runs the one handler registered for it, and
 * turns failures into short ephemeral replies. Both adapters (console, Discord) call only this.
 */
public final class CommandService {
    private static final Logger log = LoggerFactory.getLogger(CommandService.class);
    /** Longest string option accepted from any adapter (Discord caps at 6,000 anyway). */
    public static final int MAX_OPTION_CHARS = 2_000;

    private final CommandDefinitions definitions;
    private final Map<String, CommandHandler> handlers = new LinkedHashMap<>();
    private final Map<ButtonAction, ButtonHandler> buttons = new EnumMap<>(ButtonAction.class);
    private final PaperResolver resolver;
    private final Authorizer authorizer;
    private final RefusalListener refusals;
    private final AuditSink audit;
    private final RateLimiter rateLimiter;
    private final Metrics metrics;

    public CommandService(
            CommandDefinitions definitions,
            List<CommandHandler> handlers,
            List<ButtonHandler> buttons,
            PaperResolver resolver,
            Authorizer authorizer,
            RefusalListener refusals,
            AuditSink audit,
            RateLimiter rateLimiter,
            Metrics metrics) {
        this.definitions = definitions;
        for (CommandHandler h : handlers) {
            if (this.handlers.put(h.key(), h) != null) throw new IllegalStateException("two handlers for /" + h.key());
        }
        for (ButtonHandler b : buttons) {
            if (this.buttons.put(b.action(), b) != null)
                throw new IllegalStateException(
                        "two button handlers for " + b.action().code());
        }
        this.resolver = resolver;
        this.authorizer = authorizer;
        this.refusals = refusals;
        this.audit = audit;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        checkConsistency();
    }

    /** Every definition has a handler and every handler a definition; otherwise the start stops here. */
    private void checkConsistency() {
        List<String> problems = new ArrayList<>(definitions.validate());
        Set<String> defined = new TreeSet<>(definitions.keys());
        for (String key : defined) {
            if (!handlers.containsKey(key))
                problems.add("commands/*.json defines /" + key + " but no handler answers it");
        }
        for (String key : handlers.keySet()) {
            if (!defined.contains(key)) problems.add("handler for /" + key + " has no definition in commands/*.json");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Slash-command definitions and handlers disagree:\n  - " + String.join("\n  - ", problems));
        }
    }

    public CommandDefinitions definitions() {
        return definitions;
    }

    public PaperResolver resolver() {
        return resolver;
    }

    /** Whether adapters should acknowledge before running this request. */
    public boolean isSlow(CommandRequest request) {
        CommandHandler h = handlers.get(request.key());
        return h != null && h.slow();
    }

    /** Whether this request is for moderators only and its caller is not one: it is (or was) refused. */
    public boolean refusesModerator(CommandRequest request) {
        CommandHandler h = handlers.get(request.key());
        return h != null
                && h.moderatorOnly()
                && authorizer.refuseModerator(request.caller()).isPresent();
    }

    /** Whether this request's answer is private, so an adapter that must defer it defers privately. */
    public boolean isPrivate(CommandRequest request) {
        CommandHandler h = handlers.get(request.key());
        return h == null || h.privateAnswer();
    }

    /** Answers a slash command from a server member (rate-limited per member); never throws. */
    public Reply handle(CommandRequest request) {
        return handle(request, true);
    }

    /**
     * Answers a slash command typed at the local console: like {@link #handle(CommandRequest)},
     * without the per-member rate limit, which guards a shared bot against its members, not a
     * script its operator pipes in.
     */
    public Reply handleLocally(CommandRequest request) {
        return handle(request, false);
    }

    private Reply handle(CommandRequest request, boolean fromMember) {
        long start = System.nanoTime();
        // a name from the definitions, never the typed key: the metric's labels stay a bounded set
        String name = "unknown";
        Outcome outcome = Outcome.ERROR;
        try {
            long wait = fromMember ? rateLimiter.acquire(request.caller().userId()) : 0;
            if (wait > 0) {
                outcome = Outcome.RATE_LIMITED;
                return Reply.ephemeral("You're going a bit fast — please try again in " + wait + " s.");
            }
            CommandHandler handler = handlers.get(request.key());
            CommandDef def = definitions.get(request.key()).orElse(null);
            if (handler == null || def == null) {
                outcome = Outcome.FAILED;
                return Reply.ephemeral("Unknown command `/" + request.key() + "`. Try `/help`.");
            }
            name = "/" + def.key();
            if (handler.moderatorOnly()) {
                // refuse before looking at the options: a non-moderator learns nothing more
                Optional<String> refusal = authorizer.refuseModerator(request.caller());
                // the operator at the local console owns the library; members change it only from home servers
                if (refusal.isEmpty() && fromMember && handler.changesLibrary()) {
                    refusal = authorizer.refuseLibraryChange(request.caller());
                }
                if (refusal.isPresent()) {
                    refusals.refused(request.caller(), "/" + request.key(), refusal.get());
                    outcome = Outcome.REFUSED;
                    return Reply.ephemeral(refusal.get());
                }
                checkOptions(def, request.options());
                Reply r = audited(handler, request);
                outcome = Outcome.OK;
                return r;
            }
            checkOptions(def, request.options());
            Reply r = handler.handle(request);
            outcome = Outcome.OK;
            return r;
        } catch (CommandException e) {
            outcome = e instanceof CommandRefusal ? Outcome.REFUSED : Outcome.FAILED;
            return Reply.ephemeral(e.getMessage());
        } catch (RuntimeException e) {
            return internalError("/" + request.key(), e);
        } finally {
            metrics.command(name, outcome, System.nanoTime() - start);
        }
    }

    /** Answers a button press; forged, stale or foreign ids get a clear reply, never an exception. */
    public ButtonHandler.ButtonReply press(String customId, Caller caller) {
        return press(customId, caller, true);
    }

    /** A button pressed at the local console: not rate-limited (see {@link #handleLocally}). */
    public ButtonHandler.ButtonReply pressLocally(String customId, Caller caller) {
        return press(customId, caller, false);
    }

    private ButtonHandler.ButtonReply press(String customId, Caller caller, boolean limited) {
        long start = System.nanoTime();
        String name = "button unknown";
        Outcome outcome = Outcome.ERROR;
        try {
            long wait = limited ? rateLimiter.acquire(caller.userId()) : 0;
            if (wait > 0) {
                outcome = Outcome.RATE_LIMITED;
                return ButtonHandler.ButtonReply.message(
                        Reply.ephemeral("You're going a bit fast — please try again in " + wait + " s."));
            }
            Optional<ButtonId> id = ButtonId.parse(customId);
            ButtonHandler handler = id.map(i -> buttons.get(i.action())).orElse(null);
            if (handler == null) {
                outcome = Outcome.FAILED;
                return ButtonHandler.ButtonReply.message(Reply.ephemeral(
                        "This button isn't one I recognize (it may be from an older message). Run the command again."));
            }
            name = "button " + id.get().action().code(); // also the audit's action
            if (caller.guildId() == null && !handler.worksInDirectMessages()) {
                return ButtonHandler.ButtonReply.message(
                        Reply.ephemeral(
                                "This button works inside the server it was posted in; press it there, or run the command again."));
            }
            if (handler.moderatorOnly()) {
                Optional<String> refusal = authorizer.refuseModerator(caller);
                if (refusal.isPresent()) {
                    refusals.refused(caller, name, refusal.get());
                    outcome = Outcome.REFUSED;
                    return ButtonHandler.ButtonReply.message(Reply.ephemeral(refusal.get()));
                }
                try {
                    ButtonHandler.ButtonReply r = handler.press(id.get(), caller);
                    record(caller, name, customId, "ok", PaperCardsText.firstLine(r.reply()));
                    outcome = Outcome.OK;
                    return r;
                } catch (CommandException e) {
                    record(caller, name, customId, outcome(e), Echo.plain(e.getMessage()));
                    throw e;
                }
            }
            ButtonHandler.ButtonReply r = handler.press(id.get(), caller);
            outcome = Outcome.OK;
            return r;
        } catch (CommandException e) {
            outcome = e instanceof CommandRefusal ? Outcome.REFUSED : Outcome.FAILED;
            return ButtonHandler.ButtonReply.message(Reply.ephemeral(e.getMessage()));
        } catch (RuntimeException e) {
            return ButtonHandler.ButtonReply.message(internalError("a button", e));
        } finally {
            metrics.command(name, outcome, System.nanoTime() - start);
        }
    }

    /**
     * Choices for the focused option, as its command's handler gives them (papers for a
     * {@code paper} option unless the handler knows better); none for a moderator command
     * asked by someone who may not run it.
     */
    public List<Choice> autocomplete(String key, String option, String typed, Caller caller) {
        try {
            CommandDef def = definitions.get(key).orElse(null);
            CommandHandler handler = handlers.get(key);
            if (def == null || handler == null) return List.of();
            OptionDef opt = def.option(option).orElse(null);
            if (opt == null || !opt.autocomplete()) return List.of();
            if (handler.moderatorOnly() && authorizer.refuseModerator(caller).isPresent()) return List.of();
            if (handler.changesLibrary()
                    && authorizer.refuseLibraryChange(caller).isPresent()) return List.of();
            String t = typed == null ? "" : typed;
            if (t.length() > 300) t = t.substring(0, 300);
            return handler.choices(option, t, resolver, caller);
        } catch (RuntimeException e) {
            log.warn("Autocomplete for /{} {} failed: {}", key, option, e.toString());
            return List.of();
        }
    }

    /** Moderator actions are audited with their outcome, success or not. */
    private Reply audited(CommandHandler handler, CommandRequest request) {
        String target = request.options().asMap().entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() instanceof Attachment a ? a.filename() : e.getValue()))
                .reduce((a, b) -> a + " " + b)
                .orElse(null);
        try {
            Reply r = handler.handle(request);
            record(request.caller(), "/" + request.key(), target, "ok", PaperCardsText.firstLine(r));
            return r;
        } catch (CommandException e) {
            record(request.caller(), "/" + request.key(), target, outcome(e), Echo.plain(e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            record(request.caller(), "/" + request.key(), target, "error", e.toString());
            throw e;
        }
    }

    /**
     * Audits an action; a failure to write the audit log (a full disk) is logged and does not
     * replace the answer to the action itself, which says what happened.
     */
    private void record(Caller caller, String action, String target, String result, String detail) {
        try {
            audit.record(caller, action, target, result, detail);
        } catch (RuntimeException e) {
            log.warn("Could not audit {} by {} ({}): {}", action, caller.userId(), result, e.getMessage());
        }
    }

    /** The audit log's result for an action that did not happen: a rule refused it, or it failed. */
    private static String outcome(CommandException e) {
        return e instanceof CommandRefusal ? "refused" : "failed";
    }

    private static void checkOptions(CommandDef def, Options options) {
        for (OptionDef o : def.options()) {
            if (o.required() && !options.has(o.name())) throw new CommandException("Please give `" + o.name() + "`.");
        }
        for (Map.Entry<String, Object> e : options.asMap().entrySet()) {
            OptionDef o = def.option(e.getKey())
                    .orElseThrow(() ->
                            new CommandException("`/" + def.key() + "` has no option `" + e.getKey() + "`. Options: "
                                    + (def.options().isEmpty()
                                            ? "none"
                                            : String.join(
                                                    ", ",
                                                    def.options().stream()
                                                            .map(OptionDef::name)
                                                            .toList()))
                                    + "."));
            Object v = e.getValue();
            switch (o.type()) {
                case INTEGER -> o.checkInteger(options.integer(o.name()).orElseThrow());
                case BOOLEAN -> options.bool(o.name());
                case STRING -> {
                    String s = o.checkLength(String.valueOf(v), MAX_OPTION_CHARS);
                    if (s.indexOf('\0') >= 0)
                        throw new CommandException("`" + o.name() + "` contains a NUL character.");
                }
                default -> {}
            }
        }
    }

    private static Reply internalError(String what, RuntimeException e) {
        if (e instanceof StoreException se && se.diskFull()) {
            log.error("Handling {} failed: the disk is full: {}", what, se.getMessage());
            return Reply.ephemeral(
                    "The disk I keep the library on is full, so I could not save that; nothing was changed. "
                            + "Please tell the operator, who needs to free some space.");
        }
        String ref = UUID.randomUUID().toString().substring(0, 8);
        log.error("Handling {} failed (ref {})", what, ref, e);
        return Reply.ephemeral("Something went wrong on my side (ref `" + ref
                + "`). The operator can find details in the log; " + "please try again in a moment.");
    }
}
