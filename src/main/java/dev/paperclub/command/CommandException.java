package dev.paperclub.command;

/** A request that cannot be answered as asked; the message is shown to the member as is. */
public class CommandException extends RuntimeException {
    public CommandException(String message) {
        super(message, null, false, false);
    }
}
