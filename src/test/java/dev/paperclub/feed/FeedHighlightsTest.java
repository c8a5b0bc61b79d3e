package dev.paperclub.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.MutableClock;
import dev.paperclub.TestApps;
import dev.paperclub.highlight.HighlightRanker.Pick;
import dev.paperclub.store.GuildSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server's feed arrivals join its highlight candidates, filtered by the feed's keywords. */
final class FeedHighlightsTest {
    @TempDir
    Path dir;

    static Map<String, String> picks(App app, String guild) {
        return app.highlights().preview(guild).picks().stream()
                .collect(Collectors.toMap(p -> p.paper().id(), Pick::why));
    }

    @Test
    void arrivalsAreOfferedToEachSubscribedServerThroughItsFeedsKeywords() throws Exception {
        try (ArxivDouble arxiv = new ArxivDouble();
                App app =
                        App.open(arxiv.config(TestApps.config(dir.resolve("data"))), new MutableClock(TestApps.NOW))) {
            for (String g : List.of("g1", "g2", "g3")) {
                app.settings().put(GuildSettings.empty(g).withSchedule("09:00", "UTC", 10, true), TestApps.NOW);
            }
            var keyed = app.feedStore()
                    .add("g1", "arxiv", "cs.LG", "cat:cs.LG", "dexterous, diffusion transformer", "900", TestApps.NOW)
                    .orElseThrow();
            app.feedStore().add("g2", "arxiv", "cs.LG", "cat:cs.LG", null, "901", TestApps.NOW);
            app.feeds().fetch(keyed, false);
            assertEquals(5, app.papers().count());

            // g1's feed asks for "dexterous" or the phrase "diffusion transformer": only the papers that match are
            // offered
            Map<String, String> g1 = picks(app, "g1");
            assertEquals(java.util.Set.of("2606.13677", "2606.13501"), g1.keySet(), g1.toString());
            assertTrue(g1.get("2606.13677").contains("from feed arxiv cs.LG"), g1.toString());

            // g2 subscribes to the same stream without keywords: the one fetch brought it all five
            Map<String, String> g2 = picks(app, "g2");
            assertEquals(5, g2.size(), g2.toString());
            assertTrue(g2.values().stream().allMatch(w -> w.contains("from feed arxiv cs.LG")), g2.toString());

            // a server without feeds still draws on the library's newest papers, not as feed arrivals
            Map<String, String> g3 = picks(app, "g3");
            assertEquals(5, g3.size(), g3.toString());
            assertTrue(g3.values().stream().noneMatch(w -> w.contains("from feed")), g3.toString());

            // a paper g1's keywords held back still counts when a member of g1 votes for it
            app.votes().vote("g1", "2606.13591", "100");
            assertEquals(3, picks(app, "g1").size(), picks(app, "g1").toString());
        }
    }
}
