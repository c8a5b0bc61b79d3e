package dev.paperclub;

/**
 * The data directory cannot be used as it is: a file in its place, or in use by another
 * PaperClub process. The message says which and what to do; it is shown as it is.
 */
public class DataDirException extends RuntimeException {
    public DataDirException(String message) {
        super(message);
    }

    public DataDirException(String message, Throwable cause) {
        super(message, cause);
    }
}
