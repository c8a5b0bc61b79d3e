package dev.paperclub.command;

/** Answers presses of buttons whose id starts with its {@link #action()}. */
public interface ButtonHandler {
    ButtonAction action();

    /**
     * What a press does. A {@link ButtonReply} either updates the message the button is on or
     * answers with a new message.
     */
    ButtonReply press(ButtonId id, Caller caller);

    default boolean moderatorOnly() {
        return false;
    }

    /**
     * Whether it may be pressed in a direct message, where the caller has no server: only buttons
     * whose id carries the server they act in (a watch notice's Vote) say yes.
     */
    default boolean worksInDirectMessages() {
        return false;
    }

    /** The answer to a press. */
    record ButtonReply(Reply reply, boolean updatesMessage) {
        public static ButtonReply update(Reply r) {
            return new ButtonReply(r, true);
        }

        public static ButtonReply message(Reply r) {
            return new ButtonReply(r, false);
        }
    }
}
