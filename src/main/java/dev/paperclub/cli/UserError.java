package dev.paperclub.cli;

/** Bad input from the user: printed as is on stderr, exit code 1. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    /** The result could not be written to stdout (a verb's output is lost, so it must not exit 0). */
    public static UserError outputLost() {
        return new UserError("could not write the output (disk full or closed pipe?)");
    }
}
