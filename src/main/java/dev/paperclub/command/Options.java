package dev.paperclub.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A command's option values, typed as the definition declares them: strings, longs,
 * booleans, {@link Attachment}s, and channel/role ids as strings.
 */
public final class Options {
    private final Map<String, Object> values;

    public Options(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Options none() {
        return new Options(Map.of());
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<String> string(String name) {
        Object v = values.get(name);
        if (v == null) return Optional.empty();
        String s = v.toString().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** A required string; a missing one is a user error naming the option. */
    public String requireString(String name) {
        return string(name).orElseThrow(() -> new CommandException("Please give `" + name + "`."));
    }

    public Optional<Long> integer(String name) {
        Object v = values.get(name);
        if (v == null) return Optional.empty();
        if (v instanceof Number n) return Optional.of(n.longValue());
        try {
            return Optional.of(Long.parseLong(v.toString().strip()));
        } catch (NumberFormatException e) {
            throw new CommandException("`" + name + "` must be a whole number, not `" + v + "`.");
        }
    }

    /**
     * An integer option, or {@code dflt} when absent. Its range is the one its definition
     * declares (commands/*.json), which the command layer has checked before the handler runs.
     */
    public int intOr(String name, int dflt) {
        return integer(name).map(Long::intValue).orElse(dflt);
    }

    public Optional<Boolean> bool(String name) {
        Object v = values.get(name);
        if (v == null) return Optional.empty();
        if (v instanceof Boolean b) return Optional.of(b);
        return switch (v.toString().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Optional.of(true);
            case "false", "no", "off", "0" -> Optional.of(false);
            default -> throw new CommandException("`" + name + "` must be true or false.");
        };
    }

    public Optional<Attachment> attachment(String name) {
        Object v = values.get(name);
        return v instanceof Attachment a ? Optional.of(a) : Optional.empty();
    }
}
