package dev.paperclub.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.search.spell.LevenshteinDistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Immutable, validated configuration. Built from the bundled defaults, then an optional
 * file, then environment variables ({@code a.b-c} is overridden by {@code PAPERCLUB_A_B_C}).
 * Every typed accessor fails with a {@link ConfigException} naming the key, and
 * {@link #validate()} checks all known keys at start so a bad value stops the start early.
 */
public final class Config {
    private static final Logger log = LoggerFactory.getLogger(Config.class);
    private static final String DEFAULTS = "/config/paperclub.properties";
    private static final String ENV_PREFIX = "PAPERCLUB_";

    private final Map<String, String> values;

    private Config(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Defaults, then {@code file} when given, then the process environment. */
    public static Config load(Path file) {
        return load(file, System.getenv());
    }

    public static Config load(Path file, Map<String, String> env) {
        Map<String, String> merged = new TreeMap<>(readDefaults());
        Set<String> known = Set.copyOf(merged.keySet());
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("Config file " + file + " does not exist or is not a file.");
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Properties p = new Properties();
                p.load(r);
                p.stringPropertyNames()
                        .forEach(k -> merged.put(k, p.getProperty(k).trim()));
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new ConfigException(
                        "Cannot read config file " + file + ": it is not UTF-8 text (a properties file is expected).");
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage());
            }
            for (String key : merged.keySet()) {
                if (!known.contains(key)) throw new ConfigException(unknownKey(key, known, "in " + file));
            }
        }
        for (String key : List.copyOf(merged.keySet())) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) merged.put(key, fromEnv.trim());
        }
        unknownVariables(env, known).forEach(log::warn);
        return new Config(merged);
    }

    /**
     * Environment variables that are not PaperClub's own, beside the configuration keys': the
     * console's plain mode ({@code PAPERCLUB_CONSOLE_PLAIN}).
     */
    public static final Set<String> OTHER_VARIABLES = Set.of("PAPERCLUB_CONSOLE_PLAIN");

    /**
     * A warning for each {@code PAPERCLUB_*} variable that names no configuration key, with the
     * variable most likely meant: a misspelt one would silently leave its setting at the default.
     * Only warned about, not refused: the environment is shared with other programs.
     */
    static List<String> unknownVariables(Map<String, String> env, Set<String> keys) {
        Map<String, String> meaning = new TreeMap<>();
        keys.forEach(k -> meaning.put(envName(k), k));
        OTHER_VARIABLES.forEach(v -> meaning.put(v, null));
        return env.keySet().stream()
                .filter(v -> v.startsWith(ENV_PREFIX) && !meaning.containsKey(v))
                .sorted()
                .map(v -> "Ignoring environment variable " + v + ": no configuration key is called that"
                        + closest(v, meaning.keySet())
                                .map(m -> "; did you mean " + m
                                        + (meaning.get(m) == null ? "" : " (" + meaning.get(m) + ")") + "?")
                                .orElse("."))
                .toList();
    }

    /** The candidate closest to {@code typed} by edit distance, when it is close enough to be a likely typo. */
    private static Optional<String> closest(String typed, Set<String> candidates) {
        LevenshteinDistance distance = new LevenshteinDistance();
        return candidates.stream()
                .max(Comparator.comparingDouble((String k) -> distance.getDistance(typed, k))
                        .thenComparing(Comparator.<String>naturalOrder().reversed()))
                .filter(best -> distance.getDistance(typed, best) >= 0.7f);
    }

    /** Defaults with explicit overrides, for tests and embedded use. */
    public static Config of(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(readDefaults());
        merged.putAll(overrides);
        return new Config(merged);
    }

    public Config with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new Config(copy);
    }

    /** A misspelt key would silently leave its setting at the default: say so, with the likeliest key meant. */
    private static String unknownKey(String key, Set<String> known, String where) {
        if (key.equals("discord.token")) {
            return "discord.token " + where + ": the token is never read from a config file; set DISCORD_TOKEN "
                    + "or point discord.token-file at a file that holds it.";
        }
        return "Unknown configuration key '" + key + "' " + where
                + closest(key, known)
                        .map(best -> "; did you mean '" + best + "'?")
                        .orElse(".") + " The keys, with their defaults, are in config/paperclub.properties.";
    }

    /** {@code votes.per-member} -> {@code PAPERCLUB_VOTES_PER_MEMBER}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> readDefaults() {
        try (InputStream in = Config.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) throw new IllegalStateException("bundled " + DEFAULTS + " is missing from the jar");
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> m = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
            return m;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled defaults", e);
        }
    }

    /** Checks every known key ({@link AppSettings#from}, where their bounds are); throws on the first bad one. */
    public Config validate() {
        AppSettings.from(this);
        return this;
    }

    public Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new ConfigException(
                "Config key '" + key + "' is not set (set it in --config FILE or " + envName(key) + ")."));
    }

    public Path dataDir() {
        try {
            return Path.of(require("data.dir"));
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("Config key 'data.dir' is not a valid path: " + e.getMessage());
        }
    }

    /** An optional path: empty when the key is blank. */
    public Optional<Path> path(String key) {
        try {
            return get(key).map(Path::of);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("Config key '" + key + "' is not a valid path: " + e.getMessage());
        }
    }

    public boolean bool(String key) {
        String v = require(key).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException("Config key '" + key + "' must be true or false, not '" + v + "'.");
        };
    }

    public int intInRange(String key, int min, int max) {
        return (int) longInRange(key, min, max);
    }

    public long longInRange(String key, long min, long max) {
        String v = require(key);
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigException("Config key '" + key + "' must be a whole number, not '" + v + "'.");
        }
        if (n < min || n > max) {
            throw new ConfigException(
                    "Config key '" + key + "' must be between " + min + " and " + max + ", not " + n + ".");
        }
        return n;
    }

    public LocalTime time(String key) {
        String v = require(key);
        try {
            return LocalTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new ConfigException("Config key '" + key + "' must be a time HH:MM (24-hour), not '" + v + "'.");
        }
    }

    public ZoneId zone(String key) {
        String v = require(key);
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new ConfigException(
                    "Config key '" + key + "' must be an IANA time zone such as Europe/Berlin, not '" + v + "'.");
        }
    }

    public java.net.URI url(String key) {
        String v = require(key);
        try {
            java.net.URI u = new java.net.URI(v);
            if (u.getScheme() == null || u.getHost() == null)
                throw new java.net.URISyntaxException(v, "no scheme or host");
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("Config key '" + key + "' must be an absolute URL, not '" + v + "'.");
        }
    }

    /** A host name or an IP address (IPv6 without brackets), checked for its form only: nothing is looked up. */
    public String host(String key) {
        String v = require(key);
        if (!v.matches("[A-Za-z0-9._:%-]{1,253}")) {
            throw new ConfigException("Config key '" + key
                    + "' must be an IP address or a host name such as 127.0.0.1, not '" + v + "'.");
        }
        return v;
    }

    public List<String> guildIds() {
        return serverIds("discord.guild-ids");
    }

    /** {@code discord.home-guild-ids}: the servers whose moderators may change the shared library; empty = any. */
    public List<String> homeGuildIds() {
        return serverIds("discord.home-guild-ids");
    }

    /** {@code discord.allowed-guild-ids}: the servers the bot stays in; empty = any. */
    public List<String> allowedGuildIds() {
        return serverIds("discord.allowed-guild-ids");
    }

    /** A comma-separated list of numeric Discord server ids. */
    private List<String> serverIds(String key) {
        return get(key).map(v -> Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .peek(s -> {
                            if (!s.matches("\\d{1,20}")) {
                                throw new ConfigException(
                                        "Config key '" + key + "' must list numeric server ids, not '" + s + "'.");
                            }
                        })
                        .toList())
                .orElse(List.of());
    }

    /** All keys with values, the token excluded by construction (it is never a key here). */
    public Map<String, String> asMap() {
        return values;
    }
}
