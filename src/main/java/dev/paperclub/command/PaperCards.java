package dev.paperclub.command;

import dev.paperclub.command.Reply.Button;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.paper.Paper;
import dev.paperclub.paper.PaperUrls;
import dev.paperclub.summary.Summary;
import java.util.ArrayList;
import java.util.List;

/** How papers look in replies, the same in every command: cards, meta lines and action buttons. */
public final class PaperCards {
    public static final int ABSTRACT_CHARS = 1500;

    private PaperCards() {}

    /** "2024-05-01 · 12 upvotes · 2 team votes" — only what is known. */
    public static String metaLine(Paper p, int votes) {
        List<String> parts = new ArrayList<>();
        if (p.published() != null) parts.add(p.published().toString());
        if (p.upvotes() != null) parts.add(p.upvotes() + (p.upvotes() == 1 ? " upvote" : " upvotes"));
        parts.add(votes + (votes == 1 ? " team vote" : " team votes"));
        return String.join(" · ", parts);
    }

    public static Card full(Paper p, int votes) {
        List<Field> fields = new ArrayList<>();
        if (!p.authorLine().isEmpty()) fields.add(new Field("Authors", cut(p.authorLine(), 1000), false));
        if (p.organization() != null) fields.add(new Field("Organization", cut(p.organization(), 200), true));
        if (p.published() != null) fields.add(new Field("Published", p.published().toString(), true));
        if (p.upvotes() != null) fields.add(new Field("HF upvotes", String.valueOf(p.upvotes()), true));
        fields.add(new Field("Team votes", String.valueOf(votes), true));
        fields.add(new Field("Id", "`" + p.id() + "`", true));
        // abstracts are full of LaTeX ($x_i$, a^*): shown as written, not as markdown
        return new Card(cut(p.title(), 256), p.url(), Echo.of(cut(p.abstractText(), ABSTRACT_CHARS)), fields, null);
    }

    public static Card summary(Paper p, Summary s) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("TL;DR", Echo.of(cut(s.tldr(), 1024)), false));
        if (!s.points().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (String pt : s.points()) b.append("• ").append(Echo.of(pt)).append('\n');
            fields.add(new Field("Key points", cut(b.toString().strip(), 1024), false));
        }
        if (!s.keywords().isEmpty()) fields.add(new Field("Keywords", Echo.of(cut(String.join(", ", s.keywords()), 1024)), false));
        return new Card(cut(p.title(), 256), p.url(), null, fields,
                "Extracted from the abstract (sentences chosen, not written) — no AI service involved.");
    }

    /** Vote (toggle), Summary and Similar for one paper. */
    public static List<Button> actions(Paper p, boolean voted) {
        List<Button> row = new ArrayList<>();
        row.add(new Button(ButtonId.of(voted ? "unvote" : "vote", p.id()).encode(), voted ? "Unvote" : "Vote", voted ? Button.Style.SECONDARY : Button.Style.SUCCESS));
        row.add(new Button(ButtonId.of("sum", p.id()).encode(), "Summary", Button.Style.PRIMARY));
        row.add(new Button(ButtonId.of("sim", p.id()).encode(), "Similar", Button.Style.SECONDARY));
        if (PaperUrls.isValid(p.url())) row.add(new Button(p.url(), "Open", Button.Style.LINK));
        return row;
    }

    /** The paper's title in bold, marked as echoed text so no renderer reads markdown in it. */
    public static String boldTitle(Paper p) {
        return "**" + Echo.of(cut(p.title(), 200)) + "**";
    }

    public static String cut(String s, int max) {
        return dev.paperclub.util.Texts.cut(s, max);
    }
}
