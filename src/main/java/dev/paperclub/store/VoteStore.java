package dev.paperclub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Votes, vote cycles and read marks, per server. One active vote per member per paper per
 * server is enforced by a unique index, so concurrent presses can never double count.
 * A pick closes the open cycle: the picked paper's votes move into that cycle's history,
 * every other vote stays active and carries over.
 */
public final class VoteStore {
    /** What a vote did. */
    public enum VoteOutcome {
        RECORDED,
        ALREADY_VOTED,
        OVER_BUDGET,
        ALREADY_READ
    }

    /** A reading-list line: the paper, its active votes, and when its first vote came. */
    public record Entry(String paperId, int votes, Instant firstVote) {}

    /** A closed cycle's pick. */
    public record Pick(long cycleId, String paperId, int votes) {}

    private final Database db;

    public VoteStore(Database db) {
        this.db = db;
    }

    public VoteOutcome vote(String guildId, String paperId, String userId, Instant now, int budget) {
        return db.write(c -> {
            if (isRead(c, guildId, paperId)) return VoteOutcome.ALREADY_READ;
            if (budget > 0) {
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT COUNT(*) FROM votes WHERE guild_id=? AND user_id=? "
                                + "AND closed_cycle_id IS NULL AND paper_id <> ?")) {
                    ps.setString(1, guildId);
                    ps.setString(2, userId);
                    ps.setString(3, paperId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) >= budget && !hasVote(c, guildId, paperId, userId))
                            return VoteOutcome.OVER_BUDGET;
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO votes(guild_id, paper_id, user_id, created) VALUES (?,?,?,?) "
                            + "ON CONFLICT (guild_id, paper_id, user_id) WHERE closed_cycle_id IS NULL DO NOTHING")) {
                ps.setString(1, guildId);
                ps.setString(2, paperId);
                ps.setString(3, userId);
                ps.setString(4, now.toString());
                return ps.executeUpdate() == 1 ? VoteOutcome.RECORDED : VoteOutcome.ALREADY_VOTED;
            }
        });
    }

    /** Removes the member's active vote; false when there was none. */
    public boolean unvote(String guildId, String paperId, String userId) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM votes WHERE guild_id=? AND paper_id=? AND user_id=? AND closed_cycle_id IS NULL")) {
                ps.setString(1, guildId);
                ps.setString(2, paperId);
                ps.setString(3, userId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public int tally(String guildId, String paperId) {
        return tallies(guildId, List.of(paperId)).getOrDefault(paperId, 0);
    }

    /** Active votes per paper, for the given papers; papers without votes are absent. */
    public Map<String, Integer> tallies(String guildId, Collection<String> paperIds) {
        if (paperIds.isEmpty() || guildId == null) return Map.of();
        return db.read(c -> {
            Map<String, Integer> out = new HashMap<>();
            String marks = String.join(",", java.util.Collections.nCopies(paperIds.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT paper_id, COUNT(*) FROM votes WHERE guild_id=? "
                    + "AND closed_cycle_id IS NULL AND paper_id IN (" + marks + ") GROUP BY paper_id")) {
                ps.setString(1, guildId);
                int i = 2;
                for (String id : paperIds) ps.setString(i++, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    /** Which of {@code paperIds} the member has an active vote for. */
    public Set<String> votedBy(String guildId, String userId, Collection<String> paperIds) {
        if (paperIds.isEmpty() || guildId == null) return Set.of();
        return db.read(c -> {
            Set<String> out = new HashSet<>();
            String marks = String.join(",", java.util.Collections.nCopies(paperIds.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT paper_id FROM votes WHERE guild_id=? AND user_id=? "
                    + "AND closed_cycle_id IS NULL AND paper_id IN (" + marks + ")")) {
                ps.setString(1, guildId);
                ps.setString(2, userId);
                int i = 3;
                for (String id : paperIds) ps.setString(i++, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Active votes the member holds in the server (for the budget). */
    public int votesHeld(String guildId, String userId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM votes WHERE guild_id=? AND user_id=? AND closed_cycle_id IS NULL")) {
                ps.setString(1, guildId);
                ps.setString(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /** Unread, visible papers with active votes: most votes first, ties by earliest first vote. */
    public List<Entry> readingList(String guildId, int limit) {
        return db.read(c -> readingList(c, guildId, limit));
    }

    private static List<Entry> readingList(Connection c, String guildId, int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT v.paper_id, COUNT(*) AS n, MIN(v.created) AS first, MIN(v.id) AS first_id "
                        + "FROM votes v JOIN papers p ON p.id = v.paper_id "
                        + "WHERE v.guild_id=? AND v.closed_cycle_id IS NULL AND p.removed_at IS NULL "
                        + "AND NOT EXISTS (SELECT 1 FROM read_marks r WHERE r.guild_id = v.guild_id AND r.paper_id = v.paper_id) "
                        + "GROUP BY v.paper_id ORDER BY n DESC, first ASC, first_id ASC LIMIT ?")) {
            ps.setString(1, guildId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Entry(rs.getString(1), rs.getInt(2), Instant.parse(rs.getString(3))));
            }
        }
        return out;
    }

    /**
     * Closes the open cycle on the top unread paper: marks it read, moves its votes into the
     * cycle's history, and leaves the other votes active. Empty when nothing has votes.
     */
    public Optional<Pick> pick(String guildId, String userId, Instant now) {
        return db.write(c -> {
            List<Entry> top = readingList(c, guildId, 1);
            if (top.isEmpty()) return Optional.<Pick>empty();
            Entry winner = top.get(0);
            long cycle = openCycle(c, guildId, now);
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE vote_cycles SET closed=?, picked_paper_id=?, closed_by=? WHERE id=?")) {
                ps.setString(1, now.toString());
                ps.setString(2, winner.paperId());
                ps.setString(3, userId);
                ps.setLong(4, cycle);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE votes SET closed_cycle_id=? WHERE guild_id=? AND paper_id=? AND closed_cycle_id IS NULL")) {
                ps.setLong(1, cycle);
                ps.setString(2, guildId);
                ps.setString(3, winner.paperId());
                ps.executeUpdate();
            }
            markRead(c, guildId, winner.paperId(), userId, now, cycle);
            openCycle(c, guildId, now);
            return Optional.of(new Pick(cycle, winner.paperId(), winner.votes()));
        });
    }

    /** Marks a paper read in the server; false when it already was. */
    public boolean markRead(String guildId, String paperId, String userId, Instant now) {
        return db.write(c -> {
            long cycle = openCycle(c, guildId, now);
            return markRead(c, guildId, paperId, userId, now, cycle);
        });
    }

    private static boolean markRead(
            Connection c, String guildId, String paperId, String userId, Instant now, long cycle) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO read_marks(guild_id, paper_id, marked_by, marked_at, cycle_id) "
                        + "VALUES (?,?,?,?,?) ON CONFLICT (guild_id, paper_id) DO NOTHING")) {
            ps.setString(1, guildId);
            ps.setString(2, paperId);
            ps.setString(3, userId);
            ps.setString(4, now.toString());
            ps.setLong(5, cycle);
            return ps.executeUpdate() == 1;
        }
    }

    public boolean isRead(String guildId, String paperId) {
        return db.read(c -> isRead(c, guildId, paperId));
    }

    private static boolean isRead(Connection c, String guildId, String paperId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM read_marks WHERE guild_id=? AND paper_id=?")) {
            ps.setString(1, guildId);
            ps.setString(2, paperId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean hasVote(Connection c, String guildId, String paperId, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM votes WHERE guild_id=? AND paper_id=? AND user_id=? AND closed_cycle_id IS NULL")) {
            ps.setString(1, guildId);
            ps.setString(2, paperId);
            ps.setString(3, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long openCycle(Connection c, String guildId, Instant now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id FROM vote_cycles WHERE guild_id=? AND closed IS NULL")) {
            ps.setString(1, guildId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return rs.getLong(1);
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO vote_cycles(guild_id, started) VALUES (?,?) RETURNING id")) {
            ps.setString(1, guildId);
            ps.setString(2, now.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Deletes active votes for one paper, or all when {@code paperId} is null; returns how many. */
    public int resetVotes(String guildId, String paperId) {
        return db.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM votes WHERE guild_id=? AND closed_cycle_id IS NULL"
                            + (paperId == null ? "" : " AND paper_id=?"))) {
                ps.setString(1, guildId);
                if (paperId != null) ps.setString(2, paperId);
                return ps.executeUpdate();
            }
        });
    }

    /** Active votes across all servers. */
    public int activeVotes() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM votes WHERE closed_cycle_id IS NULL");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    /** Active votes in one server. */
    public int activeVotes(String guildId) {
        return countIn("SELECT COUNT(*) FROM votes WHERE guild_id=? AND closed_cycle_id IS NULL", guildId);
    }

    /** Papers marked read in one server. */
    public int readCount(String guildId) {
        return countIn("SELECT COUNT(*) FROM read_marks WHERE guild_id=?", guildId);
    }

    private int countIn(String sql, String guildId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, guildId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /**
     * A paper the server engaged with: {@code read} when it was marked read or picked, otherwise
     * voted for (now or in a closed cycle); {@code at} is the latest of those moments.
     */
    public record Engaged(String paperId, boolean read, Instant at) {}

    /** The papers the server read, picked or voted for, the most recent {@code limit} first. */
    public List<Engaged> engaged(String guildId, int limit) {
        return db.read(c -> {
            List<Engaged> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT paper_id, MAX(is_read), MAX(at) FROM ("
                    + "SELECT paper_id, 1 AS is_read, marked_at AS at FROM read_marks WHERE guild_id=? "
                    + "UNION ALL SELECT paper_id, 0, created FROM votes WHERE guild_id=?) "
                    + "GROUP BY paper_id ORDER BY MAX(at) DESC, paper_id LIMIT ?")) {
                ps.setString(1, guildId);
                ps.setString(2, guildId);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next())
                        out.add(new Engaged(rs.getString(1), rs.getInt(2) == 1, Instant.parse(rs.getString(3))));
                }
            }
            return out;
        });
    }

    /** Servers that have any vote, read mark or setting. */
    public int servers() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT guild_id FROM votes UNION "
                            + "SELECT guild_id FROM read_marks UNION SELECT guild_id FROM guild_settings)");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }
}
