package dev.paperclub.discord.fake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.IntPredicate;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Discord's checks on a guild scheduled event's body (Guild Scheduled Event resource, "field
 * requirements by entity type"): name 1-100, description up to 1,000, privacy level 2 (guild
 * only), a start in the future, an end after the start; a stage (1) or voice (2) event names
 * its channel, an external (3) one has no channel, a location of 1-100 and an end time. A
 * violation is a 400 Invalid Form Body (50035) naming the field.
 */
final class ScheduledEventRules {
    static final int STAGE_INSTANCE = 1;
    static final int VOICE = 2;
    static final int EXTERNAL = 3;
    static final int SCHEDULED = 1;
    static final int ACTIVE = 2;
    static final int COMPLETED = 3;
    static final int CANCELED = 4;

    /** A field and what is wrong with it. */
    record Violation(String field, String message) {
        DataObject errors() {
            DataObject leaf = DataObject.empty()
                    .put(
                            "_errors",
                            net.dv8tion.jda.api.utils.data.DataArray.empty()
                                    .add(DataObject.empty()
                                            .put("code", "BASE_TYPE_INVALID")
                                            .put("message", message)));
            String[] path = field.split("\\.");
            DataObject node = leaf;
            for (int i = path.length - 1; i >= 0; i--) node = DataObject.empty().put(path[i], node);
            return node;
        }
    }

    private ScheduledEventRules() {}

    /**
     * Checks the event as it would be after the request ({@code merged}: the stored event with the
     * PATCH applied, or the POST body). {@code channelType} gives the type of a channel of the
     * guild, -1 when there is none.
     */
    static Optional<Violation> check(
            DataObject merged, Instant now, java.util.function.ToIntFunction<String> channelType) {
        String name = merged.getString("name", null);
        if (name == null || name.isBlank() || name.length() > 100)
            return violation("name", "Must be between 1 and 100 in length.");
        String description = merged.getString("description", null);
        if (description != null && description.length() > 1000)
            return violation("description", "Must be 1000 or fewer in length.");
        if (merged.getInt("privacy_level", -1) != 2) return violation("privacy_level", "Value must be one of {2}.");
        int type = merged.getInt("entity_type", -1);
        if (type != STAGE_INSTANCE && type != VOICE && type != EXTERNAL)
            return violation("entity_type", "Value must be one of {1, 2, 3}.");
        Optional<Instant> start = time(merged, "scheduled_start_time");
        if (start == null || start.isEmpty())
            return violation("scheduled_start_time", "Could not parse an ISO8601 timestamp.");
        Optional<Instant> end = time(merged, "scheduled_end_time");
        if (end == null) return violation("scheduled_end_time", "Could not parse an ISO8601 timestamp.");
        if (end.isPresent() && !end.get().isAfter(start.get()))
            return violation("scheduled_end_time", "Cannot schedule event to end before starting.");
        String channelId = merged.isNull("channel_id") ? null : merged.getString("channel_id");
        if (type == EXTERNAL) {
            if (channelId != null) return violation("channel_id", "Must be null for external events.");
            String location = merged.isNull("entity_metadata")
                    ? null
                    : merged.getObject("entity_metadata").getString("location", null);
            if (location == null || location.isBlank() || location.length() > 100)
                return violation("entity_metadata.location", "Must be between 1 and 100 in length.");
            if (end.isEmpty()) return violation("scheduled_end_time", "Required for external events.");
        } else {
            IntPredicate fits = t -> type == VOICE ? t == 2 : t == 13;
            if (channelId == null || !fits.test(channelType.applyAsInt(channelId)))
                return violation(
                        "channel_id", "Must be a " + (type == VOICE ? "voice" : "stage") + " channel of this server.");
        }
        return Optional.empty();
    }

    /** A start that must lie ahead, checked only when the start is set or changed. */
    static Optional<Violation> checkStartAhead(DataObject body, Instant now) {
        Optional<Instant> start = time(body, "scheduled_start_time");
        if (start != null && start.isPresent() && !start.get().isAfter(now))
            return violation("scheduled_start_time", "Cannot schedule event in the past.");
        return Optional.empty();
    }

    /** Discord lets a scheduled event become active or canceled, and an active one completed; nothing else. */
    static Optional<Violation> checkStatus(int from, int to) {
        boolean ok = from == to
                || (from == SCHEDULED && (to == ACTIVE || to == CANCELED))
                || (from == ACTIVE && to == COMPLETED);
        return ok ? Optional.empty() : violation("status", "Invalid Guild Scheduled Event Status Transition");
    }

    /** Absent: empty; unparsable: null. */
    private static Optional<Instant> time(DataObject o, String key) {
        if (!o.hasKey(key) || o.isNull(key)) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(o.getString(key)).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Optional<Violation> violation(String field, String message) {
        return Optional.of(new Violation(field, message));
    }
}
