package dev.paperclub.util;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream whose every operation (write, flush, close) passes through one guard that
 * sees its failures: a subclass decides what a failure becomes ({@link #failed}) and may stop
 * an operation before it starts ({@link #before}).
 */
public abstract class GuardedOutputStream extends FilterOutputStream {
    /** One operation on the stream underneath. */
    @FunctionalInterface
    protected interface Step {
        void run() throws IOException;
    }

    protected GuardedOutputStream(OutputStream out) {
        super(out);
    }

    /** What to throw for {@code failure} of an operation (after noting it, if the subclass keeps it). */
    protected abstract IOException failed(IOException failure);

    /** Called before each operation; throws to refuse it. */
    protected void before() throws IOException {}

    private void guard(Step step) throws IOException {
        before();
        try {
            step.run();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        guard(() -> out.write(b));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        guard(() -> out.write(b, off, len));
    }

    @Override
    public void flush() throws IOException {
        guard(out::flush);
    }

    @Override
    public void close() throws IOException {
        guard(out::close);
    }
}
