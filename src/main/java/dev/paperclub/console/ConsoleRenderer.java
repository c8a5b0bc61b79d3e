package dev.paperclub.console;

import dev.paperclub.command.Echo;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Button;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a reply model as readable text. Buttons are numbered so they can be pressed with
 * {@code press N}; link buttons show their URL. Discord's emphasis markdown is kept, since it
 * reads fine as plain text; what does not — mention syntax ({@code <#channel>},
 * {@code <@&role>}, {@code <@user>}) and masked links ({@code [label](url)}) — becomes
 * {@code #channel}, {@code @role}, {@code @user} and the URL.
 */
public final class ConsoleRenderer {
    /** Channel, role and user mentions as Discord writes them; a console has only the names typed. */
    private static final Pattern MENTION = Pattern.compile("<(#|@&|@!?)[#@]?([^<>\\s]+)>");
    /** A Markdown masked link whose target is a web address. */
    private static final Pattern MASKED_LINK = Pattern.compile("\\[([^\\]\\n]*)]\\((https?://[^)\\s]+)\\)");
    /** A numbered entry ("3. Title"): a heading whose details follow on their own lines. */
    private static final Pattern NUMBERED = Pattern.compile("^\\d+\\. .*");

    private ConsoleRenderer() {}

    /** The text, and the pressable buttons in the order they were numbered. */
    public record Rendered(String text, List<Button> buttons) {}

    public static Rendered render(Reply r) {
        return render(r, true);
    }

    /**
     * {@code pressable} false: a message sent outside the reply (a post, a direct message), whose
     * buttons the prompt cannot press — they are shown by their labels, without numbers.
     */
    private static Rendered render(Reply r, boolean pressable) {
        StringBuilder b = new StringBuilder();
        if (r.ephemeral()) b.append("(only you can see this) ");
        if (!r.content().isEmpty()) b.append(plain(r.content())).append('\n');
        for (Card c : r.cards()) {
            b.append("┌ ").append(c.title() == null ? "" : plain(c.title())).append('\n');
            if (c.url() != null) b.append("│ ").append(c.url()).append('\n');
            if (c.description() != null && !c.description().isEmpty()) {
                for (String line : wrap(plain(c.description()), 100))
                    b.append("│ ").append(line).append('\n');
            }
            for (Field f : c.fields()) field(b, plain(f.name()), f.value() == null ? "" : plain(f.value()));
            if (c.footer() != null) b.append("└ ").append(plain(c.footer())).append('\n');
            else b.append("└\n");
        }
        List<Button> numbered = new ArrayList<>();
        for (List<Button> row : r.rows()) {
            StringBuilder line = new StringBuilder();
            for (Button btn : row) {
                if (btn.style() == Button.Style.LINK) {
                    line.append("[")
                            .append(btn.label())
                            .append(": ")
                            .append(btn.id())
                            .append("]  ");
                } else if (pressable) {
                    numbered.add(btn);
                    line.append("[")
                            .append(numbered.size())
                            .append("] ")
                            .append(plain(btn.label()))
                            .append("  ");
                } else {
                    line.append("[").append(plain(btn.label())).append("]  ");
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        if (!numbered.isEmpty()) b.append("(press N to press a button)\n");
        for (Reply.File f : r.files()) {
            // a text file as it is, whole, so it can be copied; other files by name and size only
            if (f.text())
                b.append("📎 ")
                        .append(f.name())
                        .append(":\n")
                        .append(f.asText())
                        .append('\n');
            else
                b.append("📎 ")
                        .append(f.name())
                        .append(" (")
                        .append(f.content().length)
                        .append(" bytes)\n");
        }
        for (Reply.ChannelPost p : r.posts()) b.append(posted(p.channelId(), p.message()));
        return new Rendered(b.toString().stripTrailing(), numbered);
    }

    /** A message the bot posts in a channel outside the reply: {@code → posted in #channel:} and the message, indented. */
    public static String posted(String channel, Reply message) {
        String name = channel.startsWith("#") ? channel.substring(1) : channel; // typed as #name or name
        return "→ posted in #" + name + ":\n" + render(message, false).text().indent(2);
    }

    /** A direct message the bot sends a member: {@code → direct message to @user:} and the message, indented. */
    public static String directMessage(String user, Reply message) {
        return "→ direct message to @" + user + ":\n"
                + render(message, false).text().indent(2);
    }

    /**
     * "Name: value" on one line for a short value; otherwise the name alone (no colon: a title
     * ending in "cells." must not read "cells.:") with the value indented below it. A numbered
     * entry is a title, so its details always go below it.
     */
    private static void field(StringBuilder b, String name, String value) {
        b.append("│ ").append(name);
        if (value.isBlank()) {
            b.append('\n');
            return;
        }
        String[] lines = value.split("\n");
        if (value.length() <= 60 && lines.length == 1 && !NUMBERED.matcher(name).matches()) {
            b.append(": ").append(value).append('\n');
            return;
        }
        b.append('\n');
        for (String l : lines)
            for (String w : wrap(l, 96)) b.append("│     ").append(w).append('\n');
    }

    /**
     * Discord-only syntax as a console reader understands it: mentions by name, masked links as
     * their URL. Only what the bot wrote is read so; echoed text (titles, queries) is shown as it is.
     */
    static String plain(String text) {
        return Echo.renderOutside(text, ConsoleRenderer::markup);
    }

    private static String markup(String text) {
        if (text.indexOf('<') < 0 && text.indexOf('[') < 0) return text;
        String t = MENTION.matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement((m.group(1).equals("#") ? "#" : "@") + m.group(2)));
        return MASKED_LINK.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
    }

    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) line.append(' ');
                line.append(word);
            }
            out.add(line.toString());
        }
        return out;
    }
}
