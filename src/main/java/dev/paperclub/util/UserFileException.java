package dev.paperclub.util;

import java.io.IOException;

/**
 * A file the user named cannot be read or written as asked. The message names the file as the
 * user gave it and says why in plain words, so the CLI prints it as is.
 */
public final class UserFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public UserFileException(String message) {
        super(message);
    }

    public UserFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
