package dev.paperclub;

/**
 * The data directory is held by another PaperClub process (the bot or a console): its search
 * index is locked for writing. Verbs that can work beside that process catch this one.
 */
public final class DataDirInUseException extends DataDirException {
    public DataDirInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
