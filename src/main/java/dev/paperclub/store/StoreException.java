package dev.paperclub.store;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The database failed in a way the caller cannot fix by changing its input. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when SQLite gave up waiting for a lock another connection held (SQLITE_BUSY or
     * SQLITE_LOCKED): then, and only then, another process using the same file is the likely cause.
     */
    public boolean busy() {
        SQLiteErrorCode code = sqliteCode(getCause());
        return code != null && (code.name().startsWith("SQLITE_BUSY") || code.name().startsWith("SQLITE_LOCKED"));
    }

    /** SQLite's (extended) result code behind {@code t} or one of its causes; null when there is none. */
    static SQLiteErrorCode sqliteCode(Throwable t) {
        for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
            if (t instanceof SQLiteException e) return e.getResultCode();
        }
        return null;
    }
}
