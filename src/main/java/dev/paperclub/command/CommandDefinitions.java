package dev.paperclub.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.paperclub.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The slash-command definitions from {@code commands/*.json}, in Discord's application-command
 * JSON. They are what Discord registers, what the console parses options against, and what
 * the registry is checked against at start. {@link #validate()} applies Discord's rules.
 */
public final class CommandDefinitions {
    private static final Pattern NAME = Pattern.compile("^[-_\\p{L}\\p{N}]{1,32}$");

    /** Option types as Discord numbers them. */
    public enum OptionType {
        SUB_COMMAND(1),
        SUB_COMMAND_GROUP(2),
        STRING(3),
        INTEGER(4),
        BOOLEAN(5),
        USER(6),
        CHANNEL(7),
        ROLE(8),
        MENTIONABLE(9),
        NUMBER(10),
        ATTACHMENT(11);

        final int code;

        OptionType(int code) {
            this.code = code;
        }

        static OptionType of(int code) {
            for (OptionType t : values()) if (t.code == code) return t;
            throw new IllegalArgumentException("unknown option type " + code);
        }
    }

    /**
     * One option of a command or subcommand. Its declared bounds ({@code min_value},
     * {@code max_value}, {@code min_length}, {@code max_length}) are the only statement of them:
     * the command layer enforces them ({@link #checkInteger}, {@link #checkLength}) for every
     * adapter, and handlers keep only their defaults.
     */
    public record OptionDef(
            String name,
            OptionType type,
            String description,
            boolean required,
            boolean autocomplete,
            Long minValue,
            Long maxValue,
            Integer minLength,
            Integer maxLength) {

        /** {@code n}, when it is within the declared range; otherwise a user error that states the range. */
        public long checkInteger(long n) {
            if ((minValue != null && n < minValue) || (maxValue != null && n > maxValue)) {
                throw new CommandException("`" + name + "` must be "
                        + (minValue == null
                                ? "at most " + maxValue
                                : maxValue == null
                                        ? "at least " + minValue
                                        : "between " + minValue + " and " + maxValue)
                        + ".");
            }
            return n;
        }

        /**
         * {@code s}, when its length is within the declared bounds ({@code fallbackMax} when none
         * is declared); otherwise a user error that states them.
         */
        public String checkLength(String s, int fallbackMax) {
            int max = maxLength == null ? fallbackMax : maxLength;
            if (s.length() > max)
                throw new CommandException("`" + name + "` is too long (at most " + max + " characters).");
            if (minLength != null && s.length() < minLength) {
                throw new CommandException("`" + name + "` is too short (at least " + minLength + " characters).");
            }
            return s;
        }
    }

    /** A command or subcommand, keyed like handlers ("search", "admin remove"). */
    public record CommandDef(String key, String description, List<OptionDef> options) {
        public Optional<OptionDef> option(String name) {
            return options.stream().filter(o -> o.name().equals(name)).findFirst();
        }
    }

    private final ArrayNode json;
    private final Map<String, CommandDef> byKey;

    private CommandDefinitions(ArrayNode json, Map<String, CommandDef> byKey) {
        this.json = json;
        this.byKey = Collections.unmodifiableMap(byKey);
    }

    /** Loads every {@code *.json} under the classpath folder {@code /commands}. */
    public static CommandDefinitions loadBundled() {
        URL url = CommandDefinitions.class.getResource("/commands");
        if (url == null) throw new IllegalStateException("the bundled /commands folder is missing from the jar");
        return loadFrom(url);
    }

    /** Loads every {@code *.json} directly in the folder at {@code url}: in a jar or on disk. */
    static CommandDefinitions loadFrom(URL url) {
        try {
            if (url.openConnection() instanceof JarURLConnection connection) {
                // Read through the jar's own entry table: a zip file system is built over every
                // entry of the (shaded, large) jar, a noticeable wait on a cold disk at every start.
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String entry = connection.getEntryName();
                    String folder = entry.endsWith("/") ? entry : entry + "/";
                    List<JarEntry> files = jar.stream()
                            .filter(e -> e.getName().startsWith(folder)
                                    && e.getName().endsWith(".json")
                                    && e.getName().indexOf('/', folder.length()) < 0)
                            .sorted(Comparator.comparing(JarEntry::getName))
                            .toList();
                    ArrayNode all = Json.MAPPER.createArrayNode();
                    for (JarEntry f : files) {
                        try (InputStream in = jar.getInputStream(f)) {
                            add(all, f.getName().substring(folder.length()), in);
                        }
                    }
                    return of(all);
                }
            }
            return load(Path.of(url.toURI()));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the bundled command definitions: " + e.getMessage(), e);
        }
    }

    /** Loads every {@code *.json} in {@code dir}; each holds one command object or an array of them. */
    public static CommandDefinitions load(Path dir) throws IOException {
        ArrayNode all = Json.MAPPER.createArrayNode();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                add(all, f.getFileName().toString(), in);
            }
        }
        return of(all);
    }

    private static void add(ArrayNode all, String fileName, InputStream in) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("Command definition " + fileName + " is not valid JSON: " + e.getMessage());
        }
        if (node.isArray()) node.forEach(all::add);
        else all.add(node);
    }

    static CommandDefinitions of(ArrayNode all) {
        Map<String, CommandDef> byKey = new LinkedHashMap<>();
        for (JsonNode cmd : all) {
            String name = cmd.path("name").asText();
            List<OptionDef> opts = new ArrayList<>();
            boolean hasSub = false;
            for (JsonNode o : cmd.path("options")) {
                OptionType t = OptionType.of(o.path("type").asInt());
                if (t == OptionType.SUB_COMMAND) {
                    hasSub = true;
                    subcommand(byKey, name, o);
                } else if (t == OptionType.SUB_COMMAND_GROUP) {
                    // "admin feed add": a group's subcommands are keyed by command, group and subcommand
                    hasSub = true;
                    for (JsonNode sub : o.path("options"))
                        subcommand(byKey, name + " " + o.path("name").asText(), sub);
                } else {
                    opts.add(option(o));
                }
            }
            if (!hasSub)
                byKey.put(name, new CommandDef(name, cmd.path("description").asText(), opts));
        }
        return new CommandDefinitions(all, byKey);
    }

    private static void subcommand(Map<String, CommandDef> byKey, String prefix, JsonNode o) {
        List<OptionDef> subOpts = new ArrayList<>();
        for (JsonNode so : o.path("options")) subOpts.add(option(so));
        String key = prefix + " " + o.path("name").asText();
        byKey.put(key, new CommandDef(key, o.path("description").asText(), subOpts));
    }

    private static OptionDef option(JsonNode o) {
        return new OptionDef(
                o.path("name").asText(),
                OptionType.of(o.path("type").asInt()),
                o.path("description").asText(),
                o.path("required").asBoolean(false),
                o.path("autocomplete").asBoolean(false),
                o.has("min_value") ? o.get("min_value").asLong() : null,
                o.has("max_value") ? o.get("max_value").asLong() : null,
                o.has("min_length") ? o.get("min_length").asInt() : null,
                o.has("max_length") ? o.get("max_length").asInt() : null);
    }

    /** "search", "admin remove", … in file order. */
    public List<String> keys() {
        return List.copyOf(byKey.keySet());
    }

    public Optional<CommandDef> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** A declared option, for a handler that needs its bounds outside a request (a button that repeats it). */
    public OptionDef option(String key, String name) {
        return get(key).flatMap(d -> d.option(name))
                .orElseThrow(
                        () -> new IllegalStateException("commands/*.json declares no option " + name + " on /" + key));
    }

    /** The definitions as one JSON array, exactly what is registered with Discord. */
    public String toJson() {
        return Json.write(json);
    }

    public ArrayNode json() {
        return json.deepCopy();
    }

    /** Discord's rules for application commands; returns every violation found (empty = valid). */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonNode cmd : json) {
            String name = cmd.path("name").asText();
            checkName(problems, "command", name);
            if (!names.add(name)) problems.add("command '" + name + "' is defined twice");
            checkDescription(problems, "/" + name, cmd.path("description").asText());
            if (cmd.path("type").asInt(1) != 1) problems.add("/" + name + ": type must be 1 (slash command)");
            checkOptions(problems, "/" + name, cmd.path("options"), true);
            // votes, lists and settings belong to a server: Discord should not offer a command in DMs or
            // in servers the bot is not in (the adapter still answers those cases itself)
            if (!cmd.path("contexts").isArray()
                    || cmd.path("contexts").size() != 1
                    || cmd.path("contexts").get(0).asInt(-1) != 0) {
                problems.add("/" + name + ": PaperClub's commands work only in servers: declare \"contexts\": [0]");
            }
            if (cmd.has("default_member_permissions")
                    && !cmd.get("default_member_permissions").asText().matches("\\d+")) {
                problems.add("/" + name + ": default_member_permissions must be a decimal string");
            }
        }
        if (json.size() > 100) problems.add("more than 100 commands");
        return problems;
    }

    private static void checkOptions(List<String> problems, String where, JsonNode options, boolean subAllowed) {
        checkOptions(problems, where, options, subAllowed, false);
    }

    /** {@code groupOnly}: the options of a subcommand group, which may hold subcommands but no groups. */
    private static void checkOptions(
            List<String> problems, String where, JsonNode options, boolean subAllowed, boolean groupOnly) {
        if (options.isMissingNode()) return;
        if (options.size() > 25) problems.add(where + ": more than 25 options");
        boolean optionalSeen = false;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonNode o : options) {
            String name = o.path("name").asText();
            String at = where + " " + name;
            checkName(problems, "option", name);
            if (!names.add(name)) problems.add(at + ": duplicate option");
            checkDescription(problems, at, o.path("description").asText());
            int type = o.path("type").asInt();
            if (type < 1 || type > 11) problems.add(at + ": unknown type " + type);
            if (type == 1 || type == 2) {
                // a command holds subcommands and groups, a group only subcommands, a subcommand neither
                if (!subAllowed || (groupOnly && type == 2)) problems.add(at + ": subcommands nest too deep");
                checkOptions(
                        problems, where + " " + name, o.path("options"), type == 2 && subAllowed && !groupOnly, true);
                continue;
            }
            boolean required = o.path("required").asBoolean(false);
            if (required && optionalSeen) problems.add(at + ": a required option must come before optional ones");
            if (!required) optionalSeen = true;
            if (o.path("autocomplete").asBoolean(false) && o.has("choices"))
                problems.add(at + ": autocomplete with choices");
            if ((o.has("min_value") || o.has("max_value")) && type != 4 && type != 10)
                problems.add(at + ": min/max on a non-number");
            if (o.has("min_value")
                    && o.has("max_value")
                    && o.get("min_value").asDouble() > o.get("max_value").asDouble()) {
                problems.add(at + ": min_value above max_value");
            }
            if ((o.has("min_length") || o.has("max_length")) && type != 3)
                problems.add(at + ": min/max length on a non-string");
            if (o.has("min_length")
                    && (o.get("min_length").asInt() < 0 || o.get("min_length").asInt() > 6000)) {
                problems.add(at + ": min_length outside 0-6000");
            }
            if (o.has("max_length")
                    && (o.get("max_length").asInt() < 1 || o.get("max_length").asInt() > 6000)) {
                problems.add(at + ": max_length outside 1-6000");
            }
            if (o.has("min_length")
                    && o.has("max_length")
                    && o.get("min_length").asInt() > o.get("max_length").asInt()) {
                problems.add(at + ": min_length above max_length");
            }
        }
    }

    private static void checkName(List<String> problems, String what, String name) {
        if (!NAME.matcher(name).matches() || !name.equals(name.toLowerCase(Locale.ROOT))) {
            problems.add(what + " name '" + name + "' must be 1-32 lowercase letters, digits, - or _");
        }
    }

    private static void checkDescription(List<String> problems, String where, String d) {
        if (d.isEmpty() || d.length() > 100)
            problems.add(where + ": description must be 1-100 characters (has " + d.length() + ")");
    }
}
