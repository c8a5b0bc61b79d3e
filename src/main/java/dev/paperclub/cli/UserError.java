package dev.paperclub.cli;

/** Bad input from the user: printed as is on stderr, exit code 1. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
