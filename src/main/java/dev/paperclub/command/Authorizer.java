package dev.paperclub.command;

/** Decides who is a moderator in a server: Manage Server, or the server's moderator role. */
@FunctionalInterface
public interface Authorizer {
    /** Empty when allowed; otherwise the reason shown to the member. */
    java.util.Optional<String> refuseModerator(Caller caller);
}
