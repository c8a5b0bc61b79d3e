package dev.paperclub.command;

import dev.paperclub.command.Reply.Button;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.paper.Paper;
import dev.paperclub.paper.PaperUrls;
import dev.paperclub.summary.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** How papers look in replies, the same in every command: cards, meta lines and action buttons. */
public final class PaperCards {
    public static final int ABSTRACT_CHARS = 1500;

    private PaperCards() {}

    /**
     * "2024-05-01 · 12 upvotes · 2 team votes" — only what is known, and team votes only when
     * there are some: "0 team votes" on every result says nothing a member can use.
     */
    public static String metaLine(Paper p, int votes) {
        List<String> parts = new ArrayList<>();
        if (p.published() != null) parts.add(p.published().toString());
        if (p.upvotes() != null) parts.add(p.upvotes() + (p.upvotes() == 1 ? " upvote" : " upvotes"));
        if (votes > 0) parts.add(votes + (votes == 1 ? " team vote" : " team votes"));
        return String.join(" · ", parts);
    }

    /**
     * A result's meta line followed by a link to the paper's page when its URL is known, so a
     * member can open the paper from a search or similar-papers entry.
     */
    public static String metaLineWithLink(Paper p, int votes) {
        String meta = metaLine(p, votes);
        Optional<String> link = link(p);
        if (link.isEmpty()) return meta;
        return meta.isEmpty() ? link.get() : meta + " · " + link.get();
    }

    /**
     * A Markdown link to the paper's page ({@code [paper page](https://…)}), when its URL is an
     * http(s) URL. Discord shows it as a link in embeds and messages; the console prints the URL.
     */
    public static Optional<String> link(Paper p) {
        String url = p.url();
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://")) || url.length() > 512)
            return Optional.empty();
        // a parenthesis or a space would end the Markdown link early
        String target = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20");
        return Optional.of("[" + PAGE_LINK_LABEL + "](" + target + ")");
    }

    /** The words a result's link to the paper's page shows. */
    public static final String PAGE_LINK_LABEL = "paper page";

    /** The whole paper, for members: no internal id (see {@link #full(Paper, int, boolean)}). */
    public static Card full(Paper p, int votes) {
        return full(p, votes, false);
    }

    /**
     * The whole paper; {@code showId} adds its internal id, which moderators need for
     * {@code /admin} commands and the CLI but members have no use for.
     */
    public static Card full(Paper p, int votes, boolean showId) {
        List<Field> fields = new ArrayList<>();
        if (!p.authorLine().isEmpty()) fields.add(new Field("Authors", cut(p.authorLine(), 1000), false));
        if (p.organization() != null) fields.add(new Field("Organization", cut(p.organization(), 200), true));
        if (p.published() != null)
            fields.add(new Field("Published", p.published().toString(), true));
        if (p.upvotes() != null) fields.add(new Field("HF upvotes", String.valueOf(p.upvotes()), true));
        if (votes > 0) fields.add(new Field("Team votes", String.valueOf(votes), true));
        if (showId) fields.add(new Field("Id", "`" + p.id() + "`", true));
        // abstracts are full of LaTeX ($x_i$, a^*): shown as written, not as markdown
        return new Card(heading(p.title()), p.url(), Echo.of(cut(p.abstractText(), ABSTRACT_CHARS)), fields, null);
    }

    public static Card summary(Paper p, Summary s) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("TL;DR", Echo.of(s.tldr()), false));
        if (!s.points().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (String pt : s.points()) b.append("• ").append(Echo.of(pt)).append('\n');
            fields.add(new Field("Key points", b.toString().strip(), false));
        }
        if (!s.keywords().isEmpty()) fields.add(new Field("Keywords", Echo.of(String.join(", ", s.keywords())), false));
        return new Card(
                heading(p.title()),
                p.url(),
                null,
                fields,
                "Extracted from the abstract (sentences chosen, not written) — no AI service involved.");
    }

    /** Vote (toggle), Summary and Similar for one paper. */
    public static List<Button> actions(Paper p, boolean voted) {
        List<Button> row = new ArrayList<>();
        row.add(voteButton(p, voted, ""));
        row.add(summaryButton(p, ""));
        row.add(new Button(ButtonId.of(ButtonAction.SIMILAR, p.id()).encode(), "Similar", Button.Style.SECONDARY));
        if (PaperUrls.isValid(p.url())) row.add(new Button(p.url(), "Open", Button.Style.LINK));
        return row;
    }

    /** Buttons Discord shows in one row. */
    public static final int BUTTONS_PER_ROW = 5;

    /**
     * The Summary and Vote buttons under a list of papers, five per row: a row of "Summary N"
     * over a row of "Vote N" ("Unvote N" for a paper in {@code voted}), N counting from
     * {@code firstNumber}. Without {@code numbered} the labels carry no number.
     */
    public static List<List<Button>> summaryAndVoteRows(
            List<Paper> papers, int firstNumber, boolean numbered, Set<String> voted) {
        List<List<Button>> rows = new ArrayList<>();
        for (int from = 0; from < papers.size(); from += BUTTONS_PER_ROW) {
            List<Button> sums = new ArrayList<>();
            List<Button> votes = new ArrayList<>();
            for (int i = from; i < Math.min(papers.size(), from + BUTTONS_PER_ROW); i++) {
                Paper p = papers.get(i);
                String number = numbered ? " " + (firstNumber + i) : "";
                sums.add(summaryButton(p, number));
                votes.add(voteButton(p, voted.contains(p.id()), number));
            }
            rows.add(sums);
            rows.add(votes);
        }
        return rows;
    }

    /** "Summary", followed by the paper's number in a list when it has one. */
    public static Button summaryButton(Paper p, String number) {
        return new Button(ButtonId.of(ButtonAction.SUMMARY, p.id()).encode(), "Summary" + number, Button.Style.PRIMARY);
    }

    /** "Vote", or "Unvote" for a member who has voted, followed by the paper's number in a list when it has one. */
    private static Button voteButton(Paper p, boolean voted, String number) {
        return new Button(
                ButtonId.of(ButtonAction.voteToggle(voted), p.id()).encode(),
                (voted ? "Unvote" : "Vote") + number,
                voted ? Button.Style.SECONDARY : Button.Style.SUCCESS);
    }

    // Titles are shortened by where they are shown, the same way in every command. Discord's
    // own limits are the renderer's business (DiscordRenderer); these keep a title readable.

    /** A card's heading: a title, or a title with a few words before it. */
    public static final int HEADING_CHARS = 256;
    /** A title heading an entry of a list, after its number. */
    public static final int LISTED_TITLE_CHARS = 240;
    /** A title after "Papers like: " in the heading of similar papers. */
    public static final int LIKE_TITLE_CHARS = 230;
    /** A title in bold within a sentence. */
    public static final int BOLD_TITLE_CHARS = 200;
    /** A title named among others, in a hint that lists candidates. */
    public static final int NAMED_TITLE_CHARS = 80;

    /** A card's heading (a title, perhaps numbered, or a source's name), shortened to {@value #HEADING_CHARS} characters. */
    public static String heading(String text) {
        return cut(text, HEADING_CHARS);
    }

    /** "3. Title": an entry of a numbered list, its title shortened to {@value #LISTED_TITLE_CHARS} characters. */
    public static String listed(int number, String title) {
        return number + ". " + cut(title, LISTED_TITLE_CHARS);
    }

    /** "Papers like: Title", the heading of a paper's similar papers. */
    public static String likeHeading(Paper p) {
        return "Papers like: " + cut(p.title(), LIKE_TITLE_CHARS);
    }

    /** The paper's title in bold, marked as echoed text so no renderer reads markdown in it. */
    public static String boldTitle(Paper p) {
        return "**" + Echo.of(cut(p.title(), BOLD_TITLE_CHARS)) + "**";
    }

    /** The paper's title in bold, shortened to {@value #NAMED_TITLE_CHARS} characters to sit among others in a hint. */
    public static String boldName(Paper p) {
        return "**" + Echo.of(cut(p.title(), NAMED_TITLE_CHARS)) + "**";
    }

    /** "1 vote", "2 votes": the count and the word, with an s unless the count is one. */
    public static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    public static String cut(String s, int max) {
        return dev.paperclub.util.Texts.cut(s, max);
    }
}
