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
        return code != null
                && (code.name().startsWith("SQLITE_BUSY") || code.name().startsWith("SQLITE_LOCKED"));
    }

    /**
     * True when the disk is full: SQLite could not grow the database or its journal
     * (SQLITE_FULL), or a file write failed for want of space. Nothing of the failed change was
     * stored: every write is one transaction, rolled back on failure.
     */
    public boolean diskFull() {
        return diskFull(getCause());
    }

    /** True when {@code failure} or one of its causes says the disk is full (see {@link #diskFull()}). */
    public static boolean diskFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException e && e.getResultCode() == SQLiteErrorCode.SQLITE_FULL) return true;
            if (t instanceof java.io.IOException e
                    && e.getMessage() != null
                    && e.getMessage().contains("No space left on device")) return true;
        }
        return false;
    }

    /** SQLite's (extended) result code behind {@code t} or one of its causes; null when there is none. */
    public static SQLiteErrorCode sqliteCode(Throwable t) {
        for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
            if (t instanceof SQLiteException e) return e.getResultCode();
        }
        return null;
    }
}
