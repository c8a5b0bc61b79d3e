package dev.paperclub.command.admin;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Echo;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.metrics.CommandLatency;
import dev.paperclub.store.AuditStore;
import dev.paperclub.store.GuildSettingsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code /admin moderator-role}, {@code /admin stats} and {@code /admin audit}. */
public final class ServerAdminCommands {
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ServerAdminCommands() {}

    /**
     * What {@code /admin stats} reads, supplied by the wiring so the handler needs no App:
     * the library-wide store/index figures, one server's own figures (by guild id), each owned
     * cache's statistics, and the command latencies.
     */
    public record StatsSources(
            Supplier<Map<String, Object>> figures,
            Function<String, Map<String, Object>> server,
            Supplier<Map<String, CacheStats>> caches,
            Supplier<CommandLatency> latency,
            Instant started) {}

    public static List<CommandHandler> handlers(
            GuildSettingsStore settings, AuditStore audit, StatsSources stats, Clock clock) {
        return List.of(new ModeratorRole(settings, clock), new Stats(stats, clock), new Audit(audit));
    }

    /** The role that may use /admin besides Manage Server. */
    static final class ModeratorRole implements AdminCommand {
        private final GuildSettingsStore settings;
        private final Clock clock;

        ModeratorRole(GuildSettingsStore settings, Clock clock) {
            this.settings = settings;
            this.clock = clock;
        }

        @Override
        public String key() {
            return "admin moderator-role";
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = AdminCommand.guild(r.caller());
            String role = r.options().requireString("role").replaceAll("^<@&|>$", "");
            if (role.length() > 100) throw new CommandException("Pick a role for `role`.");
            settings.put(settings.get(guild).withModeratorRole(role), clock.instant());
            // Discord lists /admin only for Manage Server (its default_member_permissions) until an admin overrides
            // that
            return Reply.text(
                    "Members with <@&" + role + "> may now use `/admin` here, as may anyone with Manage Server.\n"
                            + "Discord shows `/admin` only to members with Manage Server by default. To let the role see it, a server "
                            + "admin opens Server Settings → Integrations → PaperClub → `/admin` and adds the role under Roles & Members.");
        }
    }

    /** Figures for the operator: corpus, votes, sizes, cache hit rates, latency, uptime. */
    static final class Stats implements AdminCommand {
        private final StatsSources sources;
        private final Clock clock;

        Stats(StatsSources sources, Clock clock) {
            this.sources = sources;
            this.clock = clock;
        }

        @Override
        public String key() {
            return "admin stats";
        }

        @Override
        public boolean privateAnswer() {
            return true; // figures for moderators
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = AdminCommand.guild(r.caller());
            Map<String, Object> f = sources.figures().get();
            List<Field> fields = new ArrayList<>();
            fields.add(new Field("Papers", fmt(f.get("papers")) + " (" + fmt(f.get("removed")) + " removed)", true));
            fields.add(new Field("Indexed", fmt(f.get("indexed")), true));
            if (f.containsKey("vectors")) {
                fields.add(new Field(
                        "Semantic search",
                        String.valueOf(f.get("semantic")).replace('_', ' ') + " · " + fmt(f.get("vectors"))
                                + " vectors, " + fmt(f.get("vectors_pending")) + " to embed",
                        false));
            }
            fields.add(new Field("Open votes (all servers)", fmt(f.get("votes")), true));
            fields.add(new Field("Servers", fmt(f.get("servers")), true));
            fields.add(new Field("Database", bytes(f.get("db_bytes")), true));
            fields.add(new Field("Index", bytes(f.get("index_bytes")), true));
            StringBuilder caches = new StringBuilder();
            sources.caches().get().forEach((name, s) -> caches.append(name)
                    .append(": ")
                    .append(
                            s.requestCount() == 0
                                    ? "no requests yet"
                                    : String.format(
                                            Locale.ROOT, "%.0f%% hits of %,d", s.hitRate() * 100, s.requestCount()))
                    .append('\n'));
            fields.add(new Field(
                    "Caches", caches.length() == 0 ? "none" : caches.toString().strip(), false));
            CommandLatency h = sources.latency().get();
            fields.add(new Field(
                    "Command latency",
                    h.count() == 0
                            ? "no commands yet"
                            : String.format(
                                    Locale.ROOT,
                                    "p50 %.1f ms · p99 %.1f ms over %,d",
                                    h.quantileMillis(0.5),
                                    h.quantileMillis(0.99),
                                    h.count()),
                    false));
            fields.add(new Field("Uptime", uptime(Duration.between(sources.started(), clock.instant())), true));
            fields.add(new Field("Schema", "v" + f.get("schema_version"), true));
            List<Field> here = new ArrayList<>();
            sources.server().apply(guild).forEach((name, value) -> here.add(new Field(name, fmt(value), true)));
            return Reply.builder()
                    .ephemeral(true)
                    .card(new Card("Library — shared by every server", null, null, fields, null))
                    .card(new Card(
                            "This server",
                            null,
                            null,
                            here,
                            "Votes, reads and highlights are per server; the papers are shared."))
                    .build();
        }

        private static String fmt(Object o) {
            return o instanceof Number n ? String.format(Locale.ROOT, "%,d", n.longValue()) : String.valueOf(o);
        }

        static String bytes(Object o) {
            if (!(o instanceof Number n)) return String.valueOf(o);
            double b = n.doubleValue();
            String[] units = {"B", "KB", "MB", "GB", "TB"};
            int u = 0;
            while (b >= 1024 && u < units.length - 1) {
                b /= 1024;
                u++;
            }
            return u == 0 ? (long) b + " B" : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
        }

        static String uptime(Duration d) {
            if (d.isNegative()) d = Duration.ZERO;
            long days = d.toDays();
            return (days > 0 ? days + " d " : "") + d.toHoursPart() + " h " + d.toMinutesPart() + " min";
        }
    }

    /** Recent moderator actions and refusals, newest first. */
    static final class Audit implements AdminCommand {
        private final AuditStore audit;

        Audit(AuditStore audit) {
            this.audit = audit;
        }

        @Override
        public String key() {
            return "admin audit";
        }

        @Override
        public boolean privateAnswer() {
            return true; // the audit log is for moderators
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = AdminCommand.guild(r.caller());
            int limit = r.options().intOr("limit", 10);
            List<AuditStore.Entry> rows = audit.recent(guild, limit);
            if (rows.isEmpty()) return Reply.ephemeral("The audit log is empty for this server.");
            StringBuilder b = new StringBuilder();
            int shown = 0;
            for (AuditStore.Entry e : rows) {
                String who = e.userId().equals(AuditStore.SYSTEM_USER) ? "PaperClub" : "<@" + e.userId() + ">";
                String line = "`" + AT.format(e.at()) + "` " + who + " " + e.action()
                        + (e.target() == null ? "" : " " + Echo.of(PaperCards.cut(e.target(), 80))) + " → **"
                        + e.result() + "**"
                        + (e.detail() == null || e.detail().isBlank()
                                ? ""
                                : " — " + PaperCards.cut(e.detail().replace('\n', ' '), 120));
                if (b.length() + line.length() > 3900) break; // a card holds 4,096 characters
                b.append(line).append('\n');
                shown++;
            }
            String footer = shown < rows.size()
                    ? "Newest first; times in UTC. The " + (rows.size() - shown)
                            + " older entries asked for did not fit in one message."
                    : "Newest first; times in UTC.";
            return Reply.builder()
                    .ephemeral(true)
                    .card(new Card(
                            "Audit log — last " + shown, null, b.toString().strip(), List.of(), footer))
                    .build();
        }
    }
}
