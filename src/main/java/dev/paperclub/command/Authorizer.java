package dev.paperclub.command;

/**
 * Decides who is a moderator in a server (Manage Server, or the server's moderator role), and
 * from which servers the shared library may be changed.
 */
@FunctionalInterface
public interface Authorizer {
    /** Empty when allowed; otherwise the reason shown to the member. */
    java.util.Optional<String> refuseModerator(Caller caller);

    /** Empty when the caller's server may change the shared library; otherwise the reason shown. */
    default java.util.Optional<String> refuseLibraryChange(Caller caller) {
        return java.util.Optional.empty();
    }
}
