package dev.paperclub.ingest;

/**
 * An input was refused whole: nothing from it was stored. The message names the input,
 * the line where that is known, and what was expected, in words a user can act on.
 */
public class IngestException extends Exception {
    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
