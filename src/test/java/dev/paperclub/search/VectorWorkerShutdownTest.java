package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.paperclub.App;
import dev.paperclub.TestApps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Closing while papers are being embedded keeps the vectors already made, and says so calmly. */
final class VectorWorkerShutdownTest {
    @TempDir
    Path dir;

    /** Slow enough that a pass is still running when the app closes; stops when interrupted, as the real model does. */
    private static final class SlowEmbedder implements Embedder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String modelId() {
            return "slow";
        }

        @Override
        public int dimension() {
            return 4;
        }

        @Override
        public float[] embed(String text) {
            return embedAll(List.of(text)).get(0);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            calls.incrementAndGet();
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("embedding interrupted", e);
                }
                float x = (t.length() % 7) + 1;
                float n = (float) Math.sqrt(x * x + 3);
                out.add(new float[] {x / n, 1 / n, 1 / n, 1 / n});
            }
            return out;
        }
    }

    @Test
    void vectorsMadeBeforeCloseAreKept() throws Exception {
        SlowEmbedder slow = new SlowEmbedder();
        Embedder.Factory factory = new Embedder.Factory() {
            @Override
            public String modelId() {
                return "slow";
            }

            @Override
            public Embedder load() {
                return slow;
            }
        };
        Logger logger = (Logger) LoggerFactory.getLogger(VectorWorker.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        try {
            try (App app = App.open(TestApps.config(dir), TestApps.CLOCK, factory)) {
                TestApps.ingestAllSamples(app);
                app.vectorWorker().start();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (slow.calls.get() < 3 && System.nanoTime() < deadline) Thread.sleep(5);
                assertTrue(slow.calls.get() >= 3, "the worker got going");
            } // closes mid-pass: 201 papers at 16 per call take far longer than this
            try (App again = App.open(TestApps.config(dir), TestApps.CLOCK, factory)) {
                int kept = again.vectorStore().count("slow");
                assertTrue(kept >= 32 && kept < 201, "the chunks finished before close are kept: " + kept);
            }
            List<ILoggingEvent> warnings = appender.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .toList();
            assertEquals(
                    List.of(),
                    warnings.stream().map(ILoggingEvent::getFormattedMessage).toList());
            assertTrue(appender.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().startsWith("Embedding paused for shutdown")));
        } finally {
            logger.setLevel(level);
            logger.detachAppender(appender);
        }
    }
}
