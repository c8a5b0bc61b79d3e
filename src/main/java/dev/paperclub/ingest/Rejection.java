package dev.paperclub.ingest;

/** A record left out of an otherwise readable input, with where it started and why. */
public record Rejection(int line, String reason) {
    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
