package dev.paperclub.command;

/**
 * A file a member attached to a command: where to fetch it and what the platform says it is.
 * {@code local} marks a file on this machine given at the console ({@code url} is then a
 * path); Discord attachments are never local.
 */
public record Attachment(String url, String filename, long size, String contentType, boolean local) {}
