package dev.paperclub.command.admin;

import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRefusal;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.highlight.HighlightRanker;
import dev.paperclub.highlight.HighlightService;
import dev.paperclub.highlight.HighlightService.Outcome;
import dev.paperclub.highlight.HighlightService.PostResult;
import dev.paperclub.highlight.HighlightService.Schedule;
import dev.paperclub.store.GuildSettings;
import dev.paperclub.store.GuildSettingsStore;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code /admin channel}, {@code /admin schedule} and {@code /admin post-highlights}.
 *
 * <p>A manual post respects the once-per-local-day ledger like the scheduled one: members
 * were promised at most one highlights post a day, and a manual post before the scheduled
 * time simply takes the day's slot (the scheduler then sees the day as done).
 */
public final class HighlightAdminCommands {
    private static final Pattern HH_MM = Pattern.compile("([01]?\\d|2[0-3]):[0-5]\\d");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private HighlightAdminCommands() {}

    public static List<CommandHandler> handlers(
            HighlightService highlights, GuildSettingsStore settings, ChannelGateway gateway, Clock clock) {
        return List.of(
                new Channel(highlights, settings, gateway, clock),
                new ScheduleCommand(highlights, settings, clock),
                new PostNow(highlights));
    }

    /** "09:00 Europe/Berlin, 3 papers, in #channel; next post Wed 26 Nov 09:00". */
    static Card describe(HighlightService highlights, Schedule s, Clock clock) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(
                "Channel", s.channelId() == null ? "not set (`/admin channel`)" : "<#" + s.channelId() + ">", true));
        fields.add(new Field("Time", s.time() + " " + s.zone().getId(), true));
        fields.add(new Field("Papers", String.valueOf(s.count()), true));
        fields.add(new Field("Schedule", s.enabled() ? "on" : "off", true));
        fields.add(new Field("Keywords", s.keywords().isEmpty() ? "none" : String.join(", ", s.keywords()), false));
        highlights.failureLine(s).ifPresent(line -> fields.add(new Field("Last post", line, false)));
        if (s.channelId() != null && s.enabled()) {
            Instant now = clock.instant();
            var day = now.atZone(s.zone()).toLocalDate();
            boolean posted = highlights.postedOn(s.guildId(), day);
            Instant next = HighlightService.dueAt(posted ? day.plusDays(1) : day, s.time(), s.zone());
            String when = next.isAfter(now)
                    ? WHEN.format(next.atZone(s.zone())) + " (" + s.zone().getId() + ")"
                    : "within a minute";
            fields.add(new Field("Next post", when, false));
        }
        return new Card(
                "Daily highlights",
                null,
                null,
                fields,
                "Threads per paper: " + (highlights.defaults().threads() ? "on" : "off")
                        + " (config highlights.threads)");
    }

    /** Where highlights (and pick announcements) are posted. */
    static final class Channel implements AdminCommand {
        private final HighlightService highlights;
        private final GuildSettingsStore settings;
        private final ChannelGateway gateway;
        private final Clock clock;

        Channel(HighlightService highlights, GuildSettingsStore settings, ChannelGateway gateway, Clock clock) {
            this.highlights = highlights;
            this.settings = settings;
            this.gateway = gateway;
            this.clock = clock;
        }

        @Override
        public String key() {
            return "admin channel";
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = AdminCommand.guild(r.caller());
            String channel = r.options()
                    .requireString("channel")
                    .replaceAll("^<#|>$", "")
                    .replaceAll("^#", "");
            if (channel.isBlank() || channel.length() > 100)
                throw new CommandException("Pick a text channel for `channel`.");
            settings.put(settings.get(guild).withChannel(channel), clock.instant());
            highlights.clearFailure(guild); // a new channel starts afresh, without the old one's backoff
            // the bot's standing there for highlights: the permissions it lacks (threads included when on)
            ChannelGateway.ChannelAccess access =
                    gateway.access(channel, highlights.defaults().threads());
            String status = access.ok()
                    ? ""
                    : "\n⚠️ I can't post there yet: " + access.problem() + ". Grant my role "
                            + (access.visible()
                                    ? "these permissions in the channel's settings (Edit Channel → Permissions)"
                                    : "access to the channel")
                            + ", or choose another channel; until then each post fails and is retried a few times a day.";
            return Reply.builder()
                    .content("Highlights and pick announcements will be posted in <#" + channel + ">." + status)
                    .card(describe(highlights, highlights.schedule(guild), clock))
                    .build();
        }
    }

    /** Time, zone, count, on/off and keywords; with no options, shows the current schedule. */
    static final class ScheduleCommand implements AdminCommand {
        private final HighlightService highlights;
        private final GuildSettingsStore settings;
        private final Clock clock;

        ScheduleCommand(HighlightService highlights, GuildSettingsStore settings, Clock clock) {
            this.highlights = highlights;
            this.settings = settings;
            this.clock = clock;
        }

        @Override
        public String key() {
            return "admin schedule";
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = AdminCommand.guild(r.caller());
            GuildSettings g = settings.get(guild);
            if (r.options().asMap().isEmpty()) {
                return Reply.builder()
                        .content("The current highlights schedule:")
                        .card(describe(highlights, highlights.schedule(g), clock))
                        .build();
            }
            String time = g.postTime();
            if (r.options().string("time").isPresent()) {
                String t = r.options().string("time").get();
                if (!HH_MM.matcher(t).matches())
                    throw new CommandException("`time` must be HH:MM in 24-hour form, e.g. 09:00 or 17:30.");
                time = LocalTime.parse(t.length() == 4 ? "0" + t : t).toString();
            }
            String zone = g.timezone();
            if (r.options().string("timezone").isPresent()) {
                String z = r.options().string("timezone").get();
                try {
                    zone = ZoneId.of(z).getId();
                } catch (DateTimeException e) {
                    throw new CommandException(
                            "`" + z.replace("`", "'") + "` is not a time zone I know; use an IANA name such as "
                                    + "Europe/Berlin, America/New_York or Asia/Tokyo.");
                }
            }
            Integer count = r.options().integer("count").map(Long::intValue).orElse(g.count());
            Boolean enabled = r.options().bool("enabled").orElse(g.enabled());
            GuildSettings updated = g.withSchedule(time, zone, count, enabled);
            if (r.options().string("keywords").isPresent()) {
                String k = r.options().string("keywords").get();
                List<String> words = HighlightRanker.keywords(k.equals("-") ? "" : k);
                updated = updated.withKeywords(words.isEmpty() ? null : String.join(", ", words));
            }
            settings.put(updated, clock.instant());
            return Reply.builder()
                    .content("Highlights schedule updated.")
                    .card(describe(highlights, highlights.schedule(updated), clock))
                    .build();
        }
    }

    /** Posts today's highlights now, unless today already has its post. */
    static final class PostNow implements AdminCommand {
        private final HighlightService highlights;

        PostNow(HighlightService highlights) {
            this.highlights = highlights;
        }

        @Override
        public String key() {
            return "admin post-highlights";
        }

        @Override
        public boolean privateAnswer() {
            return true; // the post itself is what the channel sees
        }

        @Override
        public boolean slow() {
            return true;
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = AdminCommand.guild(r.caller());
            PostResult res = highlights.post(guild, "posted by " + r.caller().displayName());
            if (res.outcome() == Outcome.FAILED || res.outcome() == Outcome.NO_CHANNEL)
                throw new CommandException(res.message());
            if (res.outcome() == Outcome.POSTED) return Reply.text(res.message());
            // at most one post a day: a second post is refused, and audited so
            if (res.outcome() == Outcome.ALREADY_POSTED) throw new CommandRefusal(res.message());
            return Reply.ephemeral(res.message());
        }
    }
}
