package dev.paperclub.soak;

import dev.paperclub.TestApps;
import dev.paperclub.cli.CliRuns;
import dev.paperclub.cli.ConsoleProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measuring tool (not a test): a running {@code console} (its own JVM) answers {@code /vote}
 * and {@code /unvote} in turn, through its piped stdin, while a CLI {@code ingest} (another JVM)
 * of a large JSON Lines file runs beside it; reports the votes' latency (from writing the command
 * to the console's answer) during the ingest, how long the CLI took, and how long after it
 * returned the last paper of the file showed in the console's search. Run:
 * <pre>
 * mvn -q test-compile
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.paperclub.soak.BesideIngestSoak --papers 100000
 * </pre>
 */
@Command(
        name = "BesideIngestSoak",
        mixinStandardHelpOptions = true,
        description = "Vote latency in a running console during a large CLI ingest beside it, and the time to search.")
public final class BesideIngestSoak implements Callable<Integer> {
    @Option(names = "--papers", description = "papers in the ingested file (default: ${DEFAULT-VALUE})")
    private int papers = 100_000;

    @Option(names = "--pause-ms", description = "pause between two votes (default: ${DEFAULT-VALUE})")
    private long pauseMillis = 50;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BesideIngestSoak()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("paperclub-beside-soak");
        Path data = work.resolve("data");
        Path seed = Files.writeString(
                work.resolve("seed.jsonl"),
                "{\"id\":\"2401.00001\",\"title\":\"Soak vote target\",\"abstract\":\"The paper the soak votes for.\"}\n");
        if (CliRuns.run("ingest", "--quiet", "--data-dir", data.toString(), seed.toString())
                        .code()
                != 0) return 1;
        Path file = TestApps.writeBigExport(work.resolve("big.jsonl"), papers);
        System.out.printf("%,d papers, %,d bytes in %s%n", papers, Files.size(file), file);

        try (ConsoleProcess console = ConsoleProcess.start(data)) {
            long t0 = System.nanoTime();
            Process cli = ConsoleProcess.verb("-Xmx512m", "ingest", "--data-dir", data.toString(), file.toString())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            StringBuffer cliErr = new StringBuffer();
            Thread errReader = new Thread(() -> {
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(cli.getErrorStream(), StandardCharsets.UTF_8))) {
                    int c;
                    while ((c = r.read()) != -1) cliErr.append((char) c);
                } catch (java.io.IOException e) {
                    // ended
                }
            });
            errReader.start();

            List<Long> votes = new ArrayList<>();
            boolean vote = true;
            while (cli.isAlive()) {
                votes.add(console.millisUntil(
                        (vote ? "/vote" : "/unvote") + " paper:2401.00001",
                        vote ? "Vote recorded" : "Vote removed",
                        Duration.ofMinutes(1)));
                vote = !vote;
                Thread.sleep(pauseMillis);
            }
            long cliMillis = (System.nanoTime() - t0) / 1_000_000;
            errReader.join();
            if (cli.exitValue() != 0) {
                System.out.println("the CLI ingest failed: " + cliErr);
                return 1;
            }
            long t1 = System.nanoTime();
            String last = "Crash test paper " + (papers - 1);
            // "1. Title" is a hit; the query itself is echoed when nothing matches
            while (!console.ask("/search query:" + last + " limit:1", Duration.ofMinutes(1))
                    .contains("1. " + last)) {
                if (System.nanoTime() - t1 > TimeUnit.MINUTES.toNanos(5)) {
                    System.out.println("the last paper did not show in search within 5 minutes");
                    return 1;
                }
                Thread.sleep(100);
            }
            long searchMillis = (System.nanoTime() - t1) / 1_000_000;

            List<Long> sorted = new ArrayList<>(votes);
            Collections.sort(sorted);
            System.out.printf(
                    "CLI ingest beside the console: %,d ms (stderr: %s)%n",
                    cliMillis, cliErr.toString().replace('\r', '|').strip());
            System.out.printf(
                    "votes during it: %d, p50 %d ms, p99 %d ms, max %d ms%n",
                    sorted.size(), pct(sorted, 0.50), pct(sorted, 0.99), sorted.get(sorted.size() - 1));
            System.out.printf(
                    "the last paper showed in the console's search %,d ms after the CLI returned (%,d ms after it started)%n",
                    searchMillis, cliMillis + searchMillis);
        }
        return 0;
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
    }
}
