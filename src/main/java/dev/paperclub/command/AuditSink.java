package dev.paperclub.command;

/** Records moderator actions with their outcome (the store's audit log). */
@FunctionalInterface
public interface AuditSink {
    void record(Caller caller, String action, String target, String result, String detail);
}
