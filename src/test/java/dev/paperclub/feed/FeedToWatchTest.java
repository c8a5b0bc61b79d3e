package dev.paperclub.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.MutableClock;
import dev.paperclub.RecordingGateway;
import dev.paperclub.TestApps;
import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Echo;
import dev.paperclub.command.Options;
import dev.paperclub.command.Reply;
import dev.paperclub.store.FeedStore.Feed;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path of issue #25 in one app, as wired for run and console: a server's arXiv feed
 * fetches new papers, and the members of that server whose watches match get one direct message.
 */
final class FeedToWatchTest {
    static final Caller ALICE = new Caller("111", "alice", "g1", "c1", List.of(), false);
    static final Caller BOB = new Caller("222", "bob", "g1", "c1", List.of(), false);
    static final Caller CAROL = new Caller("333", "carol", "g2", "c9", List.of(), false);

    @TempDir
    Path dir;

    ArxivDouble arxiv;
    App app;

    @AfterEach
    void close() {
        if (app != null) app.close();
        if (arxiv != null) arxiv.close();
    }

    void watch(Caller who, String query) {
        app.commands().handle(new CommandRequest("watch", "add", new Options(Map.of("query", query)), who));
    }

    @Test
    void aFeedsArrivalsReachTheMatchingWatchesOfItsServerInOneDirectMessage() throws Exception {
        arxiv = new ArxivDouble();
        app = App.open(arxiv.config(TestApps.config(dir.resolve("data"))), new MutableClock(TestApps.NOW));
        RecordingGateway gateway = new RecordingGateway();
        app.gateway().attach(gateway);
        watch(ALICE, "dexterous manipulation"); // one paper of the fetch
        watch(ALICE, "confidence"); // another one
        watch(BOB, "quantum gravity"); // none
        watch(CAROL, "dexterous"); // another server, not subscribed

        Feed f = app.feedStore()
                .add("g1", "arxiv", "cs.LG", ArxivQuery.search("cs.LG"), null, "900", TestApps.NOW)
                .orElseThrow();
        assertEquals(FeedService.Kind.ADDED, app.feeds().fetch(f, false).kind());

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (gateway.directMessages.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        Thread.sleep(300); // a second message, if one were (wrongly) sent, would be here by now
        assertEquals(1, gateway.directMessages.size(), "one message for alice, none for bob or carol");
        RecordingGateway.Post dm = gateway.directMessages.get(0);
        assertEquals("111", dm.channelId());
        String text = render(dm.message());
        assertTrue(text.contains("Mana: Dexterous Manipulation of Articulated Tools"), text);
        assertTrue(text.contains("Multiagent Protocols with Aggregated Confidence Signals"), text);
        assertTrue(text.contains("dexterous manipulation") && text.contains("confidence"), "which watch: " + text);
        assertFalse(dm.message().buttons().isEmpty(), "Vote buttons");
    }

    static String render(Reply r) {
        StringBuilder b = new StringBuilder(Echo.plain(r.content()));
        for (Reply.Card c : r.cards()) {
            b.append('\n').append(Echo.plain(c.title()));
            if (c.description() != null) b.append('\n').append(Echo.plain(c.description()));
            c.fields().forEach(x -> b.append('\n')
                    .append(Echo.plain(x.name()))
                    .append(": ")
                    .append(Echo.plain(x.value())));
        }
        return b.toString();
    }
}
