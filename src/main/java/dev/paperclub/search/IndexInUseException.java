package dev.paperclub.search;

import java.io.IOException;

/** The index's write lock is held by another writer: another PaperClub process (or app) uses the same index. */
public final class IndexInUseException extends IOException {
    IndexInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
