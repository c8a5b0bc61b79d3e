package dev.paperclub.bench;

import dev.paperclub.App;
import dev.paperclub.config.Config;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Start-up probe the benchmark runs in a fresh JVM: opens PaperClub on an existing data
 * directory and prints how long that took and the JVM's uptime at that moment. A class of its
 * own, so that the figure holds the product's start-up and none of the benchmark's (its JSON
 * and SQL machinery is never loaded here).
 *
 * <p>The benchmark starts it with its own class path and {@code DATA_DIR}.
 */
public final class ReadyProbe {

    private ReadyProbe() {}

    public static void main(String[] args) {
        // picocli is loaded by every start of the product too (its CLI), so the figure stays the product's
        System.exit(new CommandLine(new Cli()).execute(args));
    }

    @Command(
            name = "ReadyProbe",
            mixinStandardHelpOptions = true,
            description = "Opens PaperClub on an existing data dir and prints how long that took.")
    static final class Cli implements Callable<Integer> {
        @Parameters(paramLabel = "DATA_DIR")
        Path dataDir;

        @Override
        public Integer call() {
            probe(dataDir);
            return 0;
        }
    }

    private static void probe(Path dataDir) {
        boolean[] rebuilt = {false};
        long t0 = System.nanoTime();
        Config config = Config.of(Map.of("data.dir", dataDir.toString()));
        try (App app = App.open(config, Clock.systemUTC(), n -> rebuilt[0] = true)) {
            long open = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("READY open_ms=" + open + " rebuilt=" + rebuilt[0] + " jvm_uptime_ms="
                    + ManagementFactory.getRuntimeMXBean().getUptime());
        }
    }
}
