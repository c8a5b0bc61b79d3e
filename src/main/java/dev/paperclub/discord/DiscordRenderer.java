package dev.paperclub.discord;

import dev.paperclub.command.Echo;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.paper.PaperUrls;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the platform-neutral reply model into Discord messages: cards become embeds (with a
 * link, fields, a footer and the PaperClub colour), button rows become action rows. Every
 * Discord limit is enforced here by cutting text at word boundaries, never by failing:
 * 2,000 characters of content, 10 embeds, title 256, description 4,096, 25 fields (name 256,
 * value 1,024), footer 2,048, 6,000 characters across a message's embeds, 5 rows of 5 buttons,
 * labels of 80 and custom ids of 100 characters.
 *
 * <p>Nothing rendered here can ping: every message allows no mentions, whatever its text says.
 * Echoed text ({@link Echo} spans, card titles, field names) has its markdown escaped, so a
 * title with {@code *}, {@code _} or LaTeX reads as written. Links pass {@link PaperUrls}.
 */
public final class DiscordRenderer {
    private static final Logger log = LoggerFactory.getLogger(DiscordRenderer.class);
    public static final int CONTENT_MAX = 2000;
    public static final int EMBEDS_MAX = 10;
    public static final int TITLE_MAX = 256;
    public static final int DESCRIPTION_MAX = 4096;
    public static final int FIELDS_MAX = 25;
    public static final int FIELD_NAME_MAX = 256;
    public static final int FIELD_VALUE_MAX = 1024;
    public static final int FOOTER_MAX = 2048;
    public static final int MESSAGE_EMBED_TOTAL_MAX = 6000;
    public static final int ROWS_MAX = 5;
    public static final int BUTTONS_PER_ROW_MAX = 5;
    public static final int LABEL_MAX = 80;
    public static final int CUSTOM_ID_MAX = 100;
    public static final int CHOICE_NAME_MAX = 100;
    /** Files on one message. */
    public static final int FILES_MAX = 10;
    /** Bytes of all files on one message: Discord's default upload limit (10 MiB) for a server without boosts. */
    public static final long FILE_BYTES_MAX = 10L * 1024 * 1024;

    static final int COLOR = 0x5865F2;
    /** What every message may mention: nobody (JDA's default would parse users, roles and everyone). */
    public static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    private DiscordRenderer() {}

    /** The parts of a message, already within Discord's limits. */
    public record Parts(String content, List<MessageEmbed> embeds, List<ActionRow> rows, List<Reply.File> files) {}

    public static Parts parts(Reply r) {
        String content = cut(formatted(r.content()), CONTENT_MAX);
        List<MessageEmbed> embeds = new ArrayList<>();
        int budget = MESSAGE_EMBED_TOTAL_MAX;
        for (Card c : r.cards()) {
            if (embeds.size() == EMBEDS_MAX || budget <= 50) break;
            EmbedBuilder e = new EmbedBuilder().setColor(COLOR);
            String title = cut(
                    c.title() == null || c.title().isBlank() ? "—" : literal(c.title()), Math.min(TITLE_MAX, budget));
            budget -= title.length();
            e.setTitle(title, validUrl(c.url()));
            if (c.description() != null && !c.description().isBlank() && budget > 0) {
                String d = cut(formatted(c.description()), Math.min(DESCRIPTION_MAX, budget));
                budget -= d.length();
                e.setDescription(d);
            }
            // the footer (a list's counts, its page) is kept before the fields: fields are what gets cut
            String footer = c.footer() == null || c.footer().isBlank()
                    ? null
                    : cut(formatted(c.footer()), Math.min(FOOTER_MAX, Math.max(0, budget - 10)));
            if (footer != null) budget -= footer.length();
            int fields = 0;
            for (Field f : c.fields()) {
                if (fields == FIELDS_MAX) break;
                String name =
                        cut(f.name() == null || f.name().isBlank() ? "\u200b" : literal(f.name()), FIELD_NAME_MAX);
                String value = cut(
                        f.value() == null || f.value().isBlank() ? "\u200b" : formatted(f.value()), FIELD_VALUE_MAX);
                if (name.length() + value.length() > budget) {
                    int room = budget - name.length();
                    if (room < 20) {
                        log.warn(
                                "Card \"{}\": {} of its {} fields are over Discord's 6,000 characters and left out",
                                title,
                                c.fields().size() - fields,
                                c.fields().size());
                        break;
                    }
                    value = cut(value, room);
                }
                budget -= name.length() + value.length();
                e.addField(name, value, f.inline());
                fields++;
            }
            if (footer != null && !footer.isEmpty()) e.setFooter(footer);
            embeds.add(e.build());
        }
        List<ActionRow> rows = new ArrayList<>();
        for (List<Reply.Button> row : r.rows()) {
            if (rows.size() == ROWS_MAX) break;
            List<Button> buttons = new ArrayList<>();
            for (Reply.Button b : row) {
                if (buttons.size() == BUTTONS_PER_ROW_MAX) break;
                Button jb = button(b);
                if (jb != null) buttons.add(jb);
            }
            if (!buttons.isEmpty()) rows.add(ActionRow.of(buttons));
        }
        List<Reply.File> files = new ArrayList<>();
        long bytes = 0;
        for (Reply.File f : r.files()) {
            int size = f.content().length;
            if (files.size() == FILES_MAX || bytes + size > FILE_BYTES_MAX) {
                // a reply that says it attached a file and has none would not be true: say which is missing
                log.warn(
                        "File {} ({} bytes) is over Discord's limits for one message; sent without it", f.name(), size);
                content = cut(content + "\n(" + f.name() + " is too large to attach.)", CONTENT_MAX);
                continue;
            }
            bytes += size;
            files.add(f);
        }
        if (content.isEmpty() && embeds.isEmpty() && files.isEmpty()) content = "\u200b";
        return new Parts(content, embeds, rows, files);
    }

    private static List<FileUpload> uploads(Parts p) {
        return p.files().stream()
                .map(f -> FileUpload.fromData(f.content(), f.name()))
                .toList();
    }

    public static MessageCreateData create(Reply r) {
        Parts p = parts(r);
        return new MessageCreateBuilder()
                .setContent(p.content())
                .setEmbeds(p.embeds())
                .setComponents(p.rows())
                .setFiles(uploads(p))
                .setAllowedMentions(NO_MENTIONS)
                .build();
    }

    public static MessageEditData edit(Reply r) {
        Parts p = parts(r);
        // an edit without allowed_mentions would fall back to Discord's default (parse everything)
        return new MessageEditBuilder()
                .setContent(p.content())
                .setEmbeds(p.embeds())
                .setComponents(p.rows())
                .setFiles(uploads(p))
                .setAllowedMentions(NO_MENTIONS)
                .build();
    }

    /** {@link #create}, or, when the message cannot be built, its text alone: an answer is always sent. */
    public static MessageCreateData createOrPlain(Reply r) {
        return orPlain(r, DiscordRenderer::create);
    }

    /** {@link #edit}, or its text alone when the message cannot be built. */
    public static MessageEditData editOrPlain(Reply r) {
        return orPlain(r, DiscordRenderer::edit);
    }

    private static <T> T orPlain(Reply r, Function<Reply, T> render) {
        try {
            return render.apply(r);
        } catch (RuntimeException e) {
            log.warn("Rendering a message failed, sending its text alone: {}", e.toString());
            return render.apply(plainText(r));
        }
    }

    /** The reply's words without embeds, links or buttons: content, then each card's title and text. */
    static Reply plainText(Reply r) {
        StringBuilder b = new StringBuilder(r.content());
        for (Card c : r.cards()) {
            if (c.title() != null) b.append("\n**").append(Echo.of(c.title())).append("**");
            if (c.description() != null) b.append('\n').append(c.description());
        }
        return new Reply(b.toString().strip(), List.of(), List.of(), r.ephemeral(), List.of(), r.files());
    }

    private static Button button(Reply.Button b) {
        String label = cut(b.label() == null || b.label().isBlank() ? "•" : b.label(), LABEL_MAX);
        if (b.style() == Reply.Button.Style.LINK) {
            String url = validUrl(b.id());
            return url == null ? null : Button.link(url, label);
        }
        if (b.id() == null || b.id().isEmpty() || b.id().length() > CUSTOM_ID_MAX) return null;
        return switch (b.style()) {
            case PRIMARY -> Button.primary(b.id(), label);
            case SUCCESS -> Button.success(b.id(), label);
            case DANGER -> Button.danger(b.id(), label);
            default -> Button.secondary(b.id(), label);
        };
    }

    private static String validUrl(String url) {
        return PaperUrls.valid(url).orElse(null);
    }

    /** Text the bot writes, with its echoed spans escaped. */
    static String formatted(String s) {
        return Echo.render(s, DiscordRenderer::escape);
    }

    /** Text shown as written in full: titles of cards and names of fields. */
    static String literal(String s) {
        return escape(Echo.plain(s));
    }

    /**
     * Escapes every markdown token, one by one (a lone {@code *} or {@code _} too), keeping what is
     * already escaped; also what JDA's sanitizer leaves alone: a masked link's {@code [} and a
     * heading or subtext {@code #} at the start of a line.
     */
    static String escape(String s) {
        String escaped = MarkdownSanitizer.escape(s, true).replace("[", "\\[");
        return LINE_START_HEADING.matcher(escaped).replaceAll("$1\\\\$2");
    }

    private static final Pattern LINE_START_HEADING = Pattern.compile("(?m)^(\\s*)(-?#)");

    /** Cuts to Discord's limits with {@link dev.paperclub.util.Texts#cut}; null becomes empty. */
    static String cut(String s, int max) {
        return s == null ? "" : dev.paperclub.util.Texts.cut(s, max);
    }
}
