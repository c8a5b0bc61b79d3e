package dev.paperclub.command.member;

import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.highlight.HighlightRanker.Pick;
import dev.paperclub.highlight.HighlightService;
import dev.paperclub.highlight.HighlightService.Preview;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code /highlights}: a private preview of the next highlights post and why each paper is in it. */
public final class HighlightsCommand implements CommandHandler {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final HighlightService highlights;
    private final Clock clock;

    public HighlightsCommand(HighlightService highlights, Clock clock) {
        this.highlights = highlights;
        this.clock = clock;
    }

    @Override
    public String key() {
        return "highlights";
    }

    @Override
    public boolean privateAnswer() {
        return true; // a preview for the asker
    }

    @Override
    public Reply handle(CommandRequest r) {
        String guild = r.caller().guildId();
        if (guild == null) throw new CommandException("Highlights belong to a server; use `/highlights` there.");
        Preview p = highlights.preview(guild);
        StringBuilder head = new StringBuilder();
        if (p.schedule().channelId() != null
                && p.schedule().enabled()
                && !p.picks().isEmpty()) {
            String when = p.nextPost().isAfter(clock.instant())
                    ? WHEN.format(p.nextPost().atZone(p.schedule().zone())) + " ("
                            + p.schedule().zone().getId() + ")"
                    : "within a minute";
            head.append(p.postedToday() ? "Today's post is out. " : "")
                    .append("Next highlights in <#")
                    .append(p.schedule().channelId())
                    .append(">: ")
                    .append(when)
                    .append('.');
        }
        for (String problem : p.problems())
            head.append(head.length() == 0 ? "" : "\n").append(problem);
        Reply.Builder b = Reply.builder().ephemeral(true).content(head.toString());
        if (!p.picks().isEmpty()) {
            List<Field> fields = new ArrayList<>();
            int n = 1;
            for (Pick pick : p.picks()) {
                fields.add(new Field(
                        PaperCards.listed(n++, pick.paper().title()),
                        "Why: " + pick.why() + String.format(Locale.ROOT, " (score %.2f)", pick.score())
                                + PaperCards.link(pick.paper())
                                        .map(l -> " · " + l)
                                        .orElse(""),
                        false));
            }
            b.card(new Card(
                    "Would be highlighted next",
                    null,
                    null,
                    fields,
                    "Score: ln(1+upvotes) + 1.5×team votes + 3×freshness (halves weekly) + 2×keyword matches."));
        }
        return b.build();
    }
}
