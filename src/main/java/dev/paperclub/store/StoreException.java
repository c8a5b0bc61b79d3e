package dev.paperclub.store;

/** The database failed in a way the caller cannot fix by changing its input. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
