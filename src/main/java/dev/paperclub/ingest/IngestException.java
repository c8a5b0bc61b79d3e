package dev.paperclub.ingest;

/**
 * An input was refused whole: nothing from it was stored (unless {@link #partlyStored()}: the
 * disk filled up in the middle of storing it in steps, and the rest follows once there is room).
 * The message names the input, the line where that is known, and what was expected, in words a
 * user can act on.
 */
public class IngestException extends Exception {
    private final boolean partlyStored;

    public IngestException(String message) {
        this(message, null, false);
    }

    public IngestException(String message, Throwable cause) {
        this(message, cause, false);
    }

    IngestException(String message, Throwable cause, boolean partlyStored) {
        super(message, cause);
        this.partlyStored = partlyStored;
    }

    /** Part of the input is stored and the rest is queued to follow; the message says how much. */
    public boolean partlyStored() {
        return partlyStored;
    }
}
