package dev.paperclub.command;

import java.util.ArrayList;
import java.util.List;

/**
 * What a handler answers, for any platform to render: text, cards, rows of buttons, files, and
 * whether only the caller sees it. {@code posts} are messages for other channels (an
 * announcement in the highlights channel), sent by the adapter after the reply. {@code files}
 * are attached to the reply itself (a {@code .bib} of the reading list).
 */
public record Reply(
        String content,
        List<Card> cards,
        List<List<Button>> rows,
        boolean ephemeral,
        List<ChannelPost> posts,
        List<File> files) {
    public Reply {
        content = content == null ? "" : content;
        cards = cards == null ? List.of() : List.copyOf(cards);
        rows = rows == null ? List.of() : rows.stream().map(List::copyOf).toList();
        posts = posts == null ? List.of() : List.copyOf(posts);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A reply without files. */
    public Reply(
            String content, List<Card> cards, List<List<Button>> rows, boolean ephemeral, List<ChannelPost> posts) {
        this(content, cards, rows, ephemeral, posts, List.of());
    }

    public static Reply text(String content) {
        return new Reply(content, List.of(), List.of(), false, List.of());
    }

    /** A short, private answer: errors, refusals, confirmations. */
    public static Reply ephemeral(String content) {
        return new Reply(content, List.of(), List.of(), true, List.of());
    }

    public Reply asEphemeral() {
        return new Reply(content, cards, rows, true, posts, files);
    }

    public Reply withPosts(List<ChannelPost> more) {
        List<ChannelPost> all = new ArrayList<>(posts);
        all.addAll(more);
        return new Reply(content, cards, rows, ephemeral, all, files);
    }

    public List<Button> buttons() {
        return rows.stream().flatMap(List::stream).toList();
    }

    /** A builder, since most replies mix a few parts. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a reply step by step. */
    public static final class Builder {
        private String content = "";
        private final List<Card> cards = new ArrayList<>();
        private final List<List<Button>> rows = new ArrayList<>();
        private boolean ephemeral;
        private final List<ChannelPost> posts = new ArrayList<>();
        private final List<File> files = new ArrayList<>();

        public Builder content(String c) {
            content = c;
            return this;
        }

        public Builder card(Card c) {
            cards.add(c);
            return this;
        }

        public Builder row(List<Button> buttons) {
            if (!buttons.isEmpty()) rows.add(buttons);
            return this;
        }

        public Builder ephemeral(boolean e) {
            ephemeral = e;
            return this;
        }

        public Builder post(ChannelPost p) {
            posts.add(p);
            return this;
        }

        public Builder file(File f) {
            files.add(f);
            return this;
        }

        public Reply build() {
            return new Reply(content, cards, rows, ephemeral, posts, files);
        }
    }

    /** A titled block: Discord renders it as an embed, the console as an indented block. */
    public record Card(String title, String url, String description, List<Field> fields, String footer) {
        public Card {
            fields = fields == null ? List.of() : List.copyOf(fields);
        }
    }

    /** A name/value pair in a card. */
    public record Field(String name, String value, boolean inline) {}

    /** A button: an id that carries its state ({@link ButtonId}), a label, a style. */
    public record Button(String id, String label, Style style) {
        /** Button looks; LINK buttons carry a URL in {@code id}. */
        public enum Style {
            PRIMARY,
            SECONDARY,
            SUCCESS,
            DANGER,
            LINK
        }
    }

    /**
     * A file attached to the reply: its name as members see it (letters, digits, {@code .-_}
     * only, so every platform keeps it as given), its bytes, and whether it is UTF-8 text, which
     * the console prints. Discord's own caps (size, files per message) are the renderer's.
     */
    public record File(String name, byte[] content, boolean text) {
        private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,100}");

        public File {
            if (name == null || !NAME.matcher(name).matches() || name.startsWith("."))
                throw new IllegalArgumentException("bad file name " + name);
            content = content.clone();
        }

        /** A UTF-8 text file. */
        public static File text(String name, String content) {
            return new File(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        }

        /** The bytes (a copy: a reply is a value). */
        @Override
        public byte[] content() {
            return content.clone();
        }

        /** The content as text, for a text file. */
        public String asText() {
            return new String(content, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A message for another channel, e.g. the pick announcement. */
    public record ChannelPost(String channelId, Reply message) {}
}
