package dev.paperclub.cli;

import dev.paperclub.util.GuardedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;

/**
 * A verb's standard output that remembers why a write failed. A PrintWriter swallows write
 * errors and only says that one happened ({@code checkError}); a verb must still tell a full
 * disk (its result is lost: a failure) from a reader that stopped reading ({@code stats | head -1}:
 * nothing is wrong, so nothing is said).
 */
public final class Stdout extends GuardedOutputStream {
    private volatile IOException failure;

    public Stdout(OutputStream out) {
        super(out);
    }

    @Override
    protected void before() throws IOException {
        IOException f = failure;
        if (f != null && closedPipe(f)) throw f; // the reader is gone: stop writing at once
    }

    @Override
    protected IOException failed(IOException e) {
        if (failure == null) failure = e;
        return e;
    }

    /** A print writer over this stream, flushing at each line as picocli's own does. */
    public PrintWriter writer(Charset charset) {
        return new PrintWriter(new OutputStreamWriter(this, charset), true);
    }

    /** The first write failure, if any. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * True when the failure is the reader closing its end of the pipe (EPIPE on Linux and macOS,
     * "The pipe is being closed" on Windows): the output was not wanted any more.
     */
    public static boolean closedPipe(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("broken pipe") || m.contains("pipe is being closed") || m.contains("pipe has been ended");
    }

    /** True when the failure is a full disk (or an exhausted quota). */
    public static boolean diskFull(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("no space left")
                || m.contains("disk quota exceeded")
                || m.contains("not enough space on the disk");
    }
}
