package dev.paperclub.highlight;

import dev.paperclub.highlight.HighlightRanker.Pick;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Where highlights are posted. {@link HighlightService} decides what goes out and when; the
 * command layer implements this: it renders each {@link Post} and sends it through the chat
 * platform (Discord, or the console).
 */
public interface HighlightChannel {

    /** One paper in a post: the pick, and its TL;DR when there is one. */
    record Entry(Pick pick, Optional<String> tldr) {}

    /**
     * One message: {@code entries} numbered from {@code firstIndex} + 1 out of {@code total}
     * highlights on {@code day} (a post per paper when threads are on, else all in one).
     */
    record Post(List<Entry> entries, LocalDate day, int firstIndex, int total) {
        public Post {
            entries = List.copyOf(entries);
        }
    }

    /**
     * What stops the bot from posting highlights in the channel (a channel it cannot see, missing
     * permissions, those for threads included when {@code threads}); empty when nothing does.
     */
    Optional<String> problem(String channelId, boolean threads);

    /** Sends {@code post}; returns the message's id. */
    String post(String channelId, Post post) throws PostFailure;

    /** Opens a thread named {@code name} on a message posted earlier. */
    void openThread(String channelId, String messageId, String name) throws PostFailure;

    /** A post that did not go out; {@code rejectedEntries} are the entries refused for their content (empty: the whole post failed). */
    final class PostFailure extends Exception {
        private final List<Integer> rejectedEntries;

        public PostFailure(String message, List<Integer> rejectedEntries, Throwable cause) {
            super(message, cause);
            this.rejectedEntries = List.copyOf(rejectedEntries);
        }

        /** Indexes into the post's entries of the ones refused for their content (a bad link, say). */
        public List<Integer> rejectedEntries() {
            return rejectedEntries;
        }
    }
}
