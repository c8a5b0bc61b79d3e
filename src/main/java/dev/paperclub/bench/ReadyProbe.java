package dev.paperclub.bench;

import dev.paperclub.App;
import dev.paperclub.config.Config;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Start-up probe the benchmark runs in a fresh JVM: opens PaperClub on an existing data
 * directory and prints how long that took and the JVM's uptime at that moment. A class of its
 * own, so that the figure holds the product's start-up and none of the benchmark's (its JSON
 * and SQL machinery is never loaded here).
 *
 * <pre>java -Xmx512m -cp target/paperclub.jar dev.paperclub.bench.ReadyProbe DATA_DIR</pre>
 */
public final class ReadyProbe {

    private ReadyProbe() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ReadyProbe DATA_DIR");
            System.exit(2);
        }
        boolean[] rebuilt = {false};
        long t0 = System.nanoTime();
        Config config = Config.of(Map.of("data.dir", Path.of(args[0]).toString()));
        try (App app = App.open(config, Clock.systemUTC(), n -> rebuilt[0] = true)) {
            long open = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("READY open_ms=" + open + " rebuilt=" + rebuilt[0] + " jvm_uptime_ms="
                    + ManagementFactory.getRuntimeMXBean().getUptime());
        }
        System.exit(0);
    }
}
