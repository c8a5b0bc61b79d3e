package dev.paperclub.discord.fake;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * One HTTP request the {@link DiscordDouble} received, with the status it answered.
 *
 * <p>{@code body} is the JSON the bot sent: the request body itself, or the {@code payload_json}
 * part of a multipart upload (then {@code fileNames} lists the uploaded files and
 * {@code fileContents} their bytes, in the same order). Tests assert on
 * these payloads, so the JSON is kept as text and parsed on demand with JDA's own parser.
 */
public record Recorded(
        String method,
        String path,
        String query,
        Map<String, List<String>> headers,
        String body,
        boolean multipart,
        List<String> fileNames,
        List<byte[]> fileContents,
        int status,
        Instant receivedAt) {

    public Recorded {
        headers = Map.copyOf(headers);
        fileNames = List.copyOf(fileNames);
        fileContents = List.copyOf(fileContents);
    }

    /** The uploaded file named {@code name}, read as UTF-8 text, if the request carried it. */
    public Optional<String> fileText(String name) {
        int i = fileNames.indexOf(name);
        return i < 0
                ? Optional.empty()
                : Optional.of(new String(fileContents.get(i), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The body as a JSON object, or an empty object when the body is absent or an array. */
    public DataObject json() {
        String text = body.strip();
        return text.startsWith("{") ? DataObject.fromJson(text) : DataObject.empty();
    }

    /** The body as a JSON array (bulk command overwrites), or an empty array. */
    public DataArray jsonArray() {
        String text = body.strip();
        return text.startsWith("[") ? DataArray.fromJson(text) : DataArray.empty();
    }

    /** For interaction callbacks: the callback type (4 reply, 5 defer, 6 deferred update, 7 update, 8 choices, 9 modal). */
    public int callbackType() {
        return json().getInt("type", -1);
    }

    /** For interaction callbacks: the {@code data} object, or an empty one (defers may have none). */
    public DataObject data() {
        return json().optObject("data").orElseGet(DataObject::empty);
    }

    /** The path split on '/', e.g. {@code ["channels", "123", "messages"]}. */
    public List<String> segments() {
        return List.of(path.split("/"));
    }

    /** A request header, case-insensitively (the JDK capitalises header names). */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst();
    }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        String shown = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        return String.format(
                Locale.ROOT, "%s %s%s -> %d %s", method, path, query.isEmpty() ? "" : "?" + query, status, shown);
    }
}
