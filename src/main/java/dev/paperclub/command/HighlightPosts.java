package dev.paperclub.command;

import dev.paperclub.command.ChannelGateway.PostException;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.highlight.HighlightChannel;
import dev.paperclub.highlight.HighlightRanker.Pick;
import dev.paperclub.paper.Paper;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Highlights as members see them, sent through the {@link ChannelGateway}: one card per paper
 * (title and link, TL;DR, why it was picked) with numbered Summary and Vote buttons laid out as
 * under search results ({@link PaperCards#summaryAndVoteRows}).
 */
public final class HighlightPosts implements HighlightChannel {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private final ChannelGateway gateway;

    public HighlightPosts(ChannelGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Optional<String> problem(String channelId, boolean threads) {
        ChannelGateway.ChannelAccess access = gateway.access(channelId, threads);
        return access.ok() ? Optional.empty() : Optional.of(access.problem());
    }

    @Override
    public String post(String channelId, Post post) throws PostFailure {
        try {
            return gateway.post(channelId, render(post));
        } catch (PostException e) {
            throw new PostFailure(e.getMessage(), e.rejectedCards(), e);
        }
    }

    @Override
    public void openThread(String channelId, String messageId, String name) throws PostFailure {
        try {
            gateway.openThread(channelId, messageId, name);
        } catch (PostException e) {
            throw new PostFailure(e.getMessage(), e.rejectedCards(), e);
        }
    }

    /** The message: a heading with the day, a card per entry, and the buttons (card i is entry i). */
    static Reply render(Post post) {
        int total = post.total();
        String head = total == post.entries().size()
                ? "**Today's highlights** · " + DAY.format(post.day())
                : "**Highlight " + (post.firstIndex() + 1) + " of " + total + "** · " + DAY.format(post.day());
        Reply.Builder b = Reply.builder().content(head);
        int no = post.firstIndex();
        for (Entry entry : post.entries()) {
            Pick pick = entry.pick();
            Paper p = pick.paper();
            no++;
            List<Field> fields = new ArrayList<>();
            entry.tldr().ifPresent(t -> fields.add(new Field("TL;DR", t, false)));
            fields.add(new Field("Why picked", pick.why(), false));
            String meta = PaperCards.metaLine(p, pick.votes());
            b.card(new Card(
                    PaperCards.heading((total > 1 ? no + ". " : "") + p.title()),
                    p.url(),
                    null,
                    fields,
                    meta.isEmpty() ? null : meta));
        }
        // a shared post: Vote for everyone, whoever has voted already
        List<Paper> papers = post.entries().stream().map(e -> e.pick().paper()).toList();
        PaperCards.summaryAndVoteRows(papers, post.firstIndex() + 1, total > 1, Set.of())
                .forEach(b::row);
        return b.build();
    }
}
