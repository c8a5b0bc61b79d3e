package dev.paperclub.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code console} in a JVM of its own holding a data dir, as an operator's running bot or
 * console does: commands are written to its piped stdin, and its stdout lines are collected as
 * they come (stderr goes to a log file beside the data dir).
 */
final class RunningConsole implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private RunningConsole(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            synchronized (lines) {
                                lines.add(line);
                                lines.notifyAll();
                            }
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                },
                "console-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code console --data-dir data --config config} with {@code extra} options, and waits until it answers. */
    static RunningConsole start(Path data, Path config, String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.paperclub.Main",
                "console",
                "--data-dir",
                data.toString(),
                "--config",
                config.toString()));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectError(
                        data.resolveSibling(data.getFileName() + "-console.log").toFile());
        RunningConsole c = new RunningConsole(pb.start());
        c.send("/help");
        c.await(l -> l.contains("/search"), Duration.ofSeconds(60));
        return c;
    }

    void send(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
    }

    /** How many stdout lines so far match {@code which}. */
    int count(Predicate<String> which) {
        synchronized (lines) {
            return (int) lines.stream().filter(which).count();
        }
    }

    /** Waits until {@code n} stdout lines match {@code which}; fails the test after {@code timeout}. */
    void await(Predicate<String> which, int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (lines.stream().filter(which).count() < n) {
                long left = end - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !reader.isAlive())
                    throw new AssertionError(
                            "the console did not answer as expected in time; it printed:\n" + String.join("\n", lines));
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    void await(Predicate<String> which, Duration timeout) throws InterruptedException {
        await(which, 1, timeout);
    }

    /** Leaves the console ({@code quit}) and waits for it to end. */
    @Override
    public void close() throws Exception {
        try {
            send("quit");
            in.close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
