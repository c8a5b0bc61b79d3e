package dev.paperclub.command;

/** A file a member attached to a command: where to fetch it and what Discord says it is. */
public record Attachment(String url, String filename, long size, String contentType) {}
