package dev.paperclub.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.paper.Paper;
import dev.paperclub.store.VoteStore.VoteOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Votes under contention and the per-member budget, on a real SQLite store. */
final class VoteServiceConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void fiftyThreadsTimesTwoHundredVotesGiveExactTallies() throws Exception {
        try (App app = TestApps.open(dir)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            List<Paper> papers = app.papers().pageAfter("", 10);
            int threads = 50;
            int perThread = 200;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger recorded = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            // 25 members; each thread votes on behalf of member (t % 25), so two threads race for every member:
            // every (member, paper) pair is attempted several times and must count once
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String user = "u" + (thread % 25);
                        Paper p = papers.get(i % papers.size());
                        if (app.votes().vote("g", p.id(), user).outcome() == VoteOutcome.RECORDED)
                            recorded.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) f.get(2, TimeUnit.MINUTES);
            pool.shutdown();
            assertEquals(25 * papers.size(), recorded.get(), "each member's vote on each paper recorded exactly once");
            for (Paper p : papers) assertEquals(25, app.voteStore().tally("g", p.id()), p.id());
            assertEquals(250, app.voteStore().activeVotes());
        }
    }

    @Test
    void theBudgetCapsOpenVotesPerMember() throws Exception {
        try (App app = App.open(TestApps.config(dir).with("votes.per-member", "2"), TestApps.CLOCK)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            List<Paper> papers = app.papers().pageAfter("", 3);
            assertEquals(
                    VoteOutcome.RECORDED,
                    app.votes().vote("g", papers.get(0).id(), "u").outcome());
            assertEquals(
                    VoteOutcome.RECORDED,
                    app.votes().vote("g", papers.get(1).id(), "u").outcome());
            assertEquals(
                    VoteOutcome.OVER_BUDGET,
                    app.votes().vote("g", papers.get(2).id(), "u").outcome());
            assertEquals(
                    VoteOutcome.ALREADY_VOTED,
                    app.votes().vote("g", papers.get(1).id(), "u").outcome());
            assertEquals(
                    VoteOutcome.RECORDED,
                    app.votes().vote("other-server", papers.get(2).id(), "u").outcome());
            app.votes().unvote("g", papers.get(0).id(), "u");
            assertEquals(
                    VoteOutcome.RECORDED,
                    app.votes().vote("g", papers.get(2).id(), "u").outcome());
        }
    }
}
