package dev.paperclub.command;

/**
 * Posting outside an interaction: a message in a channel, and a discussion thread under it.
 * The Discord adapter implements it with JDA; the console prints the post. Failures (the
 * channel is gone, no permission) are {@link PostException}s with a message for the log.
 */
public interface ChannelGateway {
    /** Posts {@code message} in {@code channelId}; returns the new message's id. */
    String post(String channelId, Reply message) throws PostException;

    /** Opens a public thread named {@code name} on a posted message. */
    void openThread(String channelId, String messageId, String name) throws PostException;

    /** A post that did not go out. */
    final class PostException extends Exception {
        public PostException(String message) {
            super(message);
        }

        public PostException(String message, Throwable cause) {
            super(message, cause);
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
    }
}
