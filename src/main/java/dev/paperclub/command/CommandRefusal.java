package dev.paperclub.command;

/**
 * A moderator action understood as asked but refused by a rule (today's highlights are already
 * out, at most one post a day): shown like any {@link CommandException}, and audited as
 * "refused", not as "ok" or "failed", since nothing was done and nothing went wrong.
 */
public final class CommandRefusal extends CommandException {
    public CommandRefusal(String message) {
        super(message);
    }
}
