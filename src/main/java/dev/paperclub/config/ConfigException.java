package dev.paperclub.config;

/** A configuration value is missing or malformed; the message names the key and the problem. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
