package dev.paperclub.console;

import dev.paperclub.command.Echo;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Button;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a reply model as readable text. Buttons are numbered so they can be pressed with
 * {@code press N}; link buttons show their URL. Discord markdown is kept, since it reads
 * fine as plain text.
 */
public final class ConsoleRenderer {
    private ConsoleRenderer() {}

    /** The text, and the pressable buttons in the order they were numbered. */
    public record Rendered(String text, List<Button> buttons) {}

    public static Rendered render(Reply r) {
        StringBuilder b = new StringBuilder();
        if (r.ephemeral()) b.append("(only you can see this) ");
        if (!r.content().isEmpty()) b.append(Echo.plain(r.content())).append('\n');
        for (Card c : r.cards()) {
            b.append("┌ ").append(c.title() == null ? "" : Echo.plain(c.title())).append('\n');
            if (c.url() != null) b.append("│ ").append(c.url()).append('\n');
            if (c.description() != null && !c.description().isEmpty()) {
                for (String line : wrap(Echo.plain(c.description()), 100)) b.append("│ ").append(line).append('\n');
            }
            for (Field f : c.fields()) {
                String value = Echo.plain(f.value());
                b.append("│ ").append(Echo.plain(f.name())).append(":");
                String[] lines = value.split("\n");
                if (value.length() <= 60 && lines.length == 1) {
                    b.append(' ').append(value).append('\n');
                } else {
                    b.append('\n');
                    for (String l : lines) for (String w : wrap(l, 96)) b.append("│     ").append(w).append('\n');
                }
            }
            if (c.footer() != null) b.append("└ ").append(Echo.plain(c.footer())).append('\n');
            else b.append("└\n");
        }
        List<Button> pressable = new ArrayList<>();
        for (List<Button> row : r.rows()) {
            StringBuilder line = new StringBuilder();
            for (Button btn : row) {
                if (btn.style() == Button.Style.LINK) {
                    line.append("[").append(btn.label()).append(": ").append(btn.id()).append("]  ");
                } else {
                    pressable.add(btn);
                    line.append("[").append(pressable.size()).append("] ").append(btn.label()).append("  ");
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        if (!pressable.isEmpty()) b.append("(press N to press a button)\n");
        for (Reply.ChannelPost p : r.posts()) {
            b.append("→ posted in #").append(p.channelId()).append(":\n");
            b.append(render(p.message()).text().indent(2));
        }
        return new Rendered(b.toString().stripTrailing(), pressable);
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
