package dev.paperclub.command;

/** Told about every refused moderator action, so it can be audited. */
@FunctionalInterface
public interface RefusalListener {
    void refused(Caller caller, String action, String reason);
}
