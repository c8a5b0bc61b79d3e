package dev.paperclub.cli;

/** Bad input from the user: printed as is on stderr, exit code 1. */
public final class UserError extends RuntimeException {
    /** How every error line on stderr starts, whichever part of PaperClub writes it: one spelling, lower case. */
    public static final String PREFIX = "error: ";

    public UserError(String message) {
        super(message);
    }

    /**
     * The result could not be written to stdout (a verb's output is lost, so it must not exit 0),
     * with why when it is known: a full disk is named as such.
     */
    public static UserError outputLost(java.util.Optional<java.io.IOException> why) {
        if (why.isPresent() && Stdout.diskFull(why.get())) {
            return new UserError("could not write the output: the disk is full ("
                    + why.get().getMessage() + "); free some space and run it again");
        }
        return new UserError("could not write the output"
                + why.map(e -> " (" + e.getMessage() + ")").orElse(""));
    }
}
