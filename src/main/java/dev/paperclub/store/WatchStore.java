package dev.paperclub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Members' watches ({@code watches}), the ledger of papers each watch has been matched with
 * ({@code watch_matches}: a paper notifies a watch once), and whether direct messages reach a
 * member ({@code direct_message_status}).
 */
public final class WatchStore {
    /** One watch; {@code matches} counts the papers it has matched so far (0 where not read). */
    public record Watch(
            long id, String guildId, String userId, String userName, String query, Instant createdAt, int matches) {}

    /** The last direct message to a member that failed: when, why, and whether the member refuses DMs. */
    public record DirectMessageFailure(Instant at, String reason, boolean refused) {}

    private static final String COLUMNS = "w.id, w.guild_id, w.user_id, w.user_name, w.query, w.created_at";

    private final Database db;

    public WatchStore(Database db) {
        this.db = db;
    }

    /**
     * Adds a watch unless the member has {@code cap} in the server already or the same query; the
     * check and the insert are one transaction, so two quick adds cannot pass the cap together.
     */
    public AddOutcome add(String guildId, String userId, String userName, String query, int cap, Instant now) {
        return db.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT query FROM watches WHERE guild_id = ? AND user_id = ?")) {
                ps.setString(1, guildId);
                ps.setString(2, userId);
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1).equals(query)) return new AddOutcome(AddOutcome.Kind.DUPLICATE, 0, n);
                        n++;
                    }
                }
                if (n >= cap) return new AddOutcome(AddOutcome.Kind.AT_CAP, 0, n);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO watches (guild_id, user_id, user_name, query, created_at) VALUES (?, ?, ?, ?, ?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, guildId);
                ps.setString(2, userId);
                ps.setString(3, userName);
                ps.setString(4, query);
                ps.setString(5, now.toString());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    long id = keys.getLong(1);
                    return new AddOutcome(AddOutcome.Kind.ADDED, id, count(c, guildId, userId));
                }
            }
        });
    }

    /** What {@link #add} did; {@code count} is the member's watches in the server afterwards. */
    public record AddOutcome(Kind kind, long id, int count) {
        /** Added, refused at the cap, or the member watches this query already. */
        public enum Kind {
            ADDED,
            AT_CAP,
            DUPLICATE
        }
    }

    private static int count(Connection c, String guildId, String userId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT COUNT(*) FROM watches WHERE guild_id = ? AND user_id = ?")) {
            ps.setString(1, guildId);
            ps.setString(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** The member's watches in a server, oldest first, with their matches so far. */
    public List<Watch> list(String guildId, String userId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + ", (SELECT COUNT(*) FROM watch_matches m WHERE m.watch_id = w.id)"
                    + " FROM watches w WHERE w.guild_id = ? AND w.user_id = ? ORDER BY w.id")) {
                ps.setString(1, guildId);
                ps.setString(2, userId);
                return read(ps, true);
            }
        });
    }

    /** Deletes every watch in the server (the bot left it) and their ledgers; returns how many. */
    public int removeAll(String guildId) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM watches WHERE guild_id = ?")) {
                ps.setString(1, guildId);
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes one of the member's watches (and its ledger); false when they have no such watch. */
    public boolean remove(String guildId, String userId, long watchId) {
        return db.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM watches WHERE id = ? AND guild_id = ? AND user_id = ?")) {
                ps.setLong(1, watchId);
                ps.setString(2, guildId);
                ps.setString(3, userId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Every watch of a server, or of every server when {@code guildId} is null. */
    public List<Watch> watches(String guildId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM watches w"
                    + (guildId == null ? "" : " WHERE w.guild_id = ?") + " ORDER BY w.id")) {
                if (guildId != null) ps.setString(1, guildId);
                return read(ps, false);
            }
        });
    }

    /**
     * Enters each watch's matched papers in the ledger and returns, per watch, the papers that were
     * not there yet: the ones to notify. One transaction, so two arrivals of one paper cannot both
     * claim it for a watch.
     */
    public Map<Long, List<String>> claim(Map<Long, List<String>> matched, Instant now) {
        if (matched.isEmpty()) return Map.of();
        return db.write(c -> {
            Map<Long, List<String>> fresh = new LinkedHashMap<>();
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT OR IGNORE INTO watch_matches (watch_id, paper_id, matched_at)"
                            + " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM watches WHERE id = ?)")) {
                for (Map.Entry<Long, List<String>> e : matched.entrySet()) {
                    for (String paperId : e.getValue()) {
                        ps.setLong(1, e.getKey());
                        ps.setString(2, paperId);
                        ps.setString(3, now.toString());
                        ps.setLong(4, e.getKey());
                        if (ps.executeUpdate() == 1)
                            fresh.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                    .add(paperId);
                    }
                }
            }
            return fresh;
        });
    }

    /** Records the outcome of a direct message to a member: a delivery, or a failure with its reason. */
    public void recordDirectMessage(String userId, Instant at, Optional<DirectMessageFailure> failure) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO direct_message_status (user_id, last_attempt, failed, refused, reason)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
                            + " last_attempt = excluded.last_attempt, failed = excluded.failed,"
                            + " refused = excluded.refused, reason = excluded.reason")) {
                ps.setString(1, userId);
                ps.setString(2, at.toString());
                ps.setInt(3, failure.isPresent() ? 1 : 0);
                ps.setInt(4, failure.map(f -> f.refused() ? 1 : 0).orElse(0));
                ps.setString(5, failure.map(DirectMessageFailure::reason).orElse(null));
                return ps.executeUpdate();
            }
        });
    }

    /** The member's last direct message, when it failed; empty when it went out or none was tried. */
    public Optional<DirectMessageFailure> directMessageFailure(String userId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_attempt, reason, refused FROM direct_message_status WHERE user_id = ? AND failed = 1")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new DirectMessageFailure(
                            Instant.parse(rs.getString(1)), rs.getString(2), rs.getInt(3) == 1));
                }
            }
        });
    }

    private static List<Watch> read(PreparedStatement ps, boolean withMatches) throws SQLException {
        List<Watch> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Watch(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        Instant.parse(rs.getString(6)),
                        withMatches ? rs.getInt(7) : 0));
            }
        }
        return out;
    }
}
