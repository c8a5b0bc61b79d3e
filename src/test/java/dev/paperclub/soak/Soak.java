package dev.paperclub.soak;

import dev.paperclub.App;
import dev.paperclub.config.Config;
import dev.paperclub.discord.DiscordBot;
import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import dev.paperclub.ingest.IngestInput;
import dev.paperclub.ingest.IngestOptions;
import dev.paperclub.ingest.SampleCorpus;
import dev.paperclub.util.Json;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Soak entry point (not a test): the real bot against the Discord double for a long run of
 * mixed commands at a fixed rate while ingest keeps adding papers; every window reports heap
 * after GC, p99 acknowledgement latency and errors. Lives with the test sources because the
 * double does. Run:
 * <pre>
 * mvn -q test-compile
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.paperclub.soak.Soak \
 *      --minutes 30 --rate 20 --window 5 --out target/soak.json
 * </pre>
 */
@Command(
        name = "Soak",
        mixinStandardHelpOptions = true,
        description =
                "The real bot against the Discord double: mixed commands at a fixed rate while papers are ingested.")
public final class Soak implements Callable<Integer> {
    @Option(names = "--minutes", description = "how long (default: ${DEFAULT-VALUE})")
    private double minutes = 30;

    @Option(names = "--rate", description = "commands per second (default: ${DEFAULT-VALUE})")
    private int rate = 20;

    @Option(names = "--window", paramLabel = "MINUTES", description = "reporting window (default: ${DEFAULT-VALUE})")
    private double windowMin = 5;

    @Option(names = "--out", description = "the JSON report (default: ${DEFAULT-VALUE})")
    private Path out = Path.of("target", "soak.json");

    public static void main(String[] args) {
        System.exit(new CommandLine(new Soak()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("paperclub-soak");
        try (DiscordDouble discord = DiscordDouble.start()) {
            Config config = Config.of(Map.of(
                    "data.dir",
                    data.toString(),
                    "discord.api-url",
                    discord.restBaseUrl(),
                    "discord.gateway-url",
                    discord.gatewayUrl(),
                    "commands.per-user-per-minute",
                    "10000"));
            try (App app = App.open(config, Clock.systemUTC())) {
                SampleCorpus.load(app.ingest());
                app.vectorWorker().start(); // as `run` does: papers are embedded in the background while members search
                DiscordBot bot = DiscordBot.start(
                        new DiscordBot.Settings(
                                discord.token(),
                                discord.restBaseUrl(),
                                discord.gatewayUrl(),
                                List.of(),
                                Duration.ofSeconds(30)),
                        app.commands(),
                        app.interactionThreads(),
                        app.serverEvents());
                try {
                    run(app, discord, minutes, rate, windowMin, out);
                } finally {
                    bot.close();
                }
            }
        }
        return 0;
    }

    private static void run(App app, DiscordDouble discord, double minutes, int rate, double windowMin, Path out)
            throws Exception {
        List<String> ids = new ArrayList<>();
        app.papers().forEachVisible(p -> ids.add(p.id()));
        Random rnd = new Random(42);
        String[] queries = {
            "attention",
            "speech recognition",
            "diffusion models",
            "\"state space\"",
            "segmentation -medical",
            "title:transformer",
            "long context",
            "quantization",
            "retrieval augmented",
            "robot*"
        };
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger ingestCount = new AtomicInteger();
        List<Map<String, Object>> windows = new ArrayList<>();
        ScheduledExecutorService ingest = Executors.newSingleThreadScheduledExecutor();
        ingest.scheduleWithFixedDelay(
                () -> {
                    int n = ingestCount.incrementAndGet();
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < 500; i++) {
                        b.append(Json.write(Map.of(
                                        "id",
                                        String.format("29%02d.%05d", 1 + n % 12, (n * 500 + i) % 100000),
                                        "title",
                                        "Soak paper " + n + "-" + i + " on attention and retrieval",
                                        "abstract",
                                        "We study soak test number " + n + " item " + i + ". Results hold under load.",
                                        "sources",
                                        List.of("soak"))))
                                .append('\n');
                    }
                    try {
                        app.ingest()
                                .ingest(
                                        IngestInput.ofBytes(
                                                "soak-" + n, b.toString().getBytes(StandardCharsets.UTF_8)),
                                        IngestOptions.DEFAULT);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        System.err.println("ingest failed: " + e);
                    }
                },
                10,
                30,
                TimeUnit.SECONDS);

        long start = System.nanoTime();
        long end = start + (long) (minutes * 60e9);
        long windowNanos = (long) (windowMin * 60e9);
        long nextWindow = start + windowNanos;
        long interval = 1_000_000_000L / rate;
        long next = start;
        List<String> sent = new ArrayList<>();
        int total = 0;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (now < next) {
                Thread.sleep(Math.max(0, (next - now) / 1_000_000), (int) ((next - now) % 1_000_000));
                continue;
            }
            next += interval;
            DiscordDouble.Member m = discord.member("soak" + rnd.nextInt(50));
            String id =
                    switch (rnd.nextInt(8)) {
                        case 0, 1 ->
                            discord.sendSlashCommand(
                                    "search", Map.of("query", queries[rnd.nextInt(queries.length)], "limit", 5), m);
                        case 2 ->
                            discord.sendSlashCommand("paper", Map.of("paper", ids.get(rnd.nextInt(ids.size()))), m);
                        case 3 ->
                            discord.sendSlashCommand("summarize", Map.of("paper", ids.get(rnd.nextInt(ids.size()))), m);
                        case 4 ->
                            discord.sendSlashCommand(
                                    "similar", Map.of("paper", ids.get(rnd.nextInt(ids.size())), "limit", 3), m);
                        case 5 ->
                            discord.sendSlashCommand("vote", Map.of("paper", ids.get(rnd.nextInt(ids.size()))), m);
                        case 6 -> discord.sendAutocomplete("paper", "paper", "att", Map.of(), m);
                        default -> discord.sendSlashCommand("reading-list", Map.of(), m);
                    };
            sent.add(id);
            total++;
            if (System.nanoTime() >= nextWindow || System.nanoTime() >= end) {
                windows.add(window(discord, sent, errors, windows.size() + 1, app));
                sent = new ArrayList<>();
                nextWindow += windowNanos;
                // measuring paused the sender: carry on at the rate, rather than sending the backlog as one burst
                next = System.nanoTime();
            }
        }
        if (!sent.isEmpty()) windows.add(window(discord, sent, errors, windows.size() + 1, app));
        ingest.shutdownNow();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("minutes", minutes);
        summary.put("rate_per_s", rate);
        summary.put("interactions", total);
        summary.put("ingests", ingestCount.get());
        summary.put("errors", errors.get());
        summary.put("papers_at_end", app.papers().count());
        summary.put("vectors_at_end", app.stats().get("vectors"));
        summary.put("windows", windows);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Json.write(summary));
        System.out.println("soak: " + total + " interactions, " + ingestCount.get() + " ingests, errors " + errors.get()
                + "; written to " + out);
        if (errors.get() > 0) System.exit(1);
    }

    /** Waits for the window's callbacks, then measures latency, heap after GC and errors. */
    private static Map<String, Object> window(
            DiscordDouble discord, List<String> ids, AtomicInteger errors, int n, App app) {
        List<Long> ms = new ArrayList<>();
        for (String id : ids) {
            try {
                Recorded cb = discord.awaitCallback(id, Duration.ofSeconds(10));
                String content = cb.data().getString("content", "");
                if (content.startsWith("Something went wrong")) errors.incrementAndGet();
                ms.add(discord.callbackLatencyNanos(id).orElse(0L) / 1_000_000);
            } catch (AssertionError e) {
                errors.incrementAndGet();
            }
        }
        Collections.sort(ms);
        discord.forget(); // measure the bot, not the double's growing request log
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("window", n);
        w.put("interactions", ids.size());
        w.put("p50_ms", ms.isEmpty() ? 0 : ms.get(ms.size() / 2));
        w.put("p99_ms", ms.isEmpty() ? 0 : ms.get((int) Math.ceil(ms.size() * 0.99) - 1));
        w.put("heap_after_gc_mb", heap);
        w.put("errors_so_far", errors.get());
        w.put("papers", app.papers().count());
        w.put("vectors", app.stats().get("vectors"));
        System.out.printf(
                "window %d: %d interactions, p50 %s ms, p99 %s ms, heap after GC %d MB, errors %d, papers %d, vectors %s%n",
                n,
                ids.size(),
                w.get("p50_ms"),
                w.get("p99_ms"),
                heap,
                errors.get(),
                app.papers().count(),
                w.get("vectors"));
        return w;
    }
}
