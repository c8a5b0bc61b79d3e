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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code console} in its own JVM, driven through its piped stdin as a script drives it: the
 * running PaperClub that holds a data dir while other verbs work beside it. Semantic search is
 * off (no model to load), so it is ready within seconds.
 */
public final class ConsoleProcess implements AutoCloseable {
    private static final String END = "end-of-answer-";

    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer err = new StringBuffer();
    private int asked;

    private ConsoleProcess(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
    }

    /** Starts a moderator's console on {@code dataDir} (samples not loaded) and waits until it answers. */
    public static ConsoleProcess start(Path dataDir, String... extra) throws IOException {
        List<String> args = new ArrayList<>(
                List.of("console", "--data-dir", dataDir.toString(), "--moderator", "--user", "alice", "--no-samples"));
        args.addAll(List.of(extra));
        ProcessBuilder pb = verb("-Xmx512m", args.toArray(String[]::new));
        pb.environment().put("PAPERCLUB_SEARCH_SEMANTIC_ENABLED", "false");
        ConsoleProcess c = new ConsoleProcess(pb.start());
        c.ask("/help", Duration.ofMinutes(2));
        return c;
    }

    /** A PaperClub verb in its own JVM on this test's class path, with {@code heap} as its -Xmx. */
    public static ProcessBuilder verb(String heap, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(
                List.of(java, heap, "-cp", System.getProperty("java.class.path"), "dev.paperclub.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    private void pump(BufferedReader r, boolean out) {
        Thread t = new Thread(
                () -> {
                    try {
                        String line;
                        while ((line = r.readLine()) != null) {
                            if (out) lines.add(line);
                            else err.append(line).append('\n');
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                },
                "console-process-" + (out ? "out" : "err"));
        t.setDaemon(true);
        t.start();
    }

    /** Runs {@code command} at the console and returns its answer (the lines it printed for it). */
    public String ask(String command, Duration timeout) throws IOException {
        return exchange(command, null, timeout).text();
    }

    /**
     * Runs {@code command} and returns how many milliseconds passed until its answer showed a line
     * containing {@code expected} (then reads the rest of the answer).
     */
    public long millisUntil(String command, String expected, Duration timeout) throws IOException {
        Answer a = exchange(command, expected, timeout);
        if (a.millis() < 0) throw new IOException(command + " answered without '" + expected + "': " + a.text());
        return a.millis();
    }

    /** An answer, and when its first line containing the expected words came (-1: none did). */
    private record Answer(String text, long millis) {}

    private Answer exchange(String command, String expected, Duration timeout) throws IOException {
        String marker = END + (++asked);
        long t0 = System.nanoTime();
        in.write(command + "\n/paper paper:" + marker + "\n");
        in.flush();
        long millis = -1;
        StringBuilder answer = new StringBuilder();
        long deadline = t0 + timeout.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (line == null) {
                throw new IOException(
                        "no answer to " + command + " within " + timeout + "; so far: " + answer + "\nstderr: " + err);
            }
            if (line.contains(marker)) return new Answer(answer.toString(), millis);
            if (millis < 0 && expected != null && line.contains(expected)) {
                millis = (System.nanoTime() - t0) / 1_000_000;
            }
            answer.append(line).append('\n');
        }
    }

    public String stderr() {
        return err.toString();
    }

    public Process process() {
        return process;
    }

    /** Kills the process at once, as a crash or a power cut would stop it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            try {
                in.write("quit\n");
                in.flush();
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
        }
    }
}
