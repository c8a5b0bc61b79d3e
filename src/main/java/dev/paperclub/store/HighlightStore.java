package dev.paperclub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The highlights ledger ({@code highlight_posts}: at most one post per server per local day,
 * claimed before posting and released when the post fails) and the papers each server has
 * been shown ({@code highlighted_papers}), plus the candidate queries the ranker starts from.
 */
public final class HighlightStore {
    /**
     * What the ranker needs of a paper, read without its abstract so that a few hundred
     * candidates stay cheap.
     */
    public record Candidate(
            String id, String title, LocalDate published, int upvotes, Instant firstIngested, int votes) {}

    /** One highlighted paper as recorded, with the reason shown. */
    public record Highlighted(String paperId, String reason) {}

    /** A day's ledger row; {@code messageId} is null while the post is in flight. */
    public record Post(String guildId, LocalDate localDate, Instant postedAt, String channelId, String messageId) {}

    /** The server's last failed post: when, why, and how many attempts in a row failed. */
    public record Failure(Instant failedAt, String reason, int attempts) {}

    /**
     * Excludes papers read in, or already highlighted in, the server, and papers Discord refused
     * there that have not changed since (three bound guild ids, {@link #IN_POOL_GUILDS}).
     */
    private static final String IN_POOL = "p.removed_at IS NULL"
            + " AND NOT EXISTS (SELECT 1 FROM read_marks r WHERE r.guild_id = ? AND r.paper_id = p.id)"
            + " AND NOT EXISTS (SELECT 1 FROM highlighted_papers h WHERE h.guild_id = ? AND h.paper_id = p.id)"
            + " AND NOT EXISTS (SELECT 1 FROM highlight_rejected_papers x WHERE x.guild_id = ? AND x.paper_id = p.id"
            + " AND x.paper_seq = p.seq)";

    private static final int IN_POOL_GUILDS = 3;
    private static final String CANDIDATE_COLUMNS = "p.id, p.title, p.published, p.upvotes, p.first_ingested, "
            + "(SELECT COUNT(*) FROM votes v WHERE v.guild_id = ? AND v.paper_id = p.id AND v.closed_cycle_id IS NULL) AS n";

    private final Database db;

    public HighlightStore(Database db) {
        this.db = db;
    }

    /**
     * The pool's usual suspects without scanning the corpus: the {@code recent} newest by
     * publication date and the {@code recent} most recently ingested or changed (both walk an
     * index), plus every paper with an active vote in the server.
     */
    public List<Candidate> candidates(String guildId, int recent) {
        String sql = "WITH pool(id) AS ("
                + " SELECT id FROM (SELECT p.id FROM papers p WHERE " + IN_POOL + " ORDER BY p.published DESC LIMIT ?)"
                + " UNION SELECT id FROM (SELECT p.id FROM papers p WHERE " + IN_POOL + " ORDER BY p.seq DESC LIMIT ?)"
                + " UNION SELECT DISTINCT v.paper_id FROM votes v JOIN papers p ON p.id = v.paper_id"
                + "   WHERE v.guild_id = ? AND v.closed_cycle_id IS NULL AND " + IN_POOL + ")"
                + " SELECT " + CANDIDATE_COLUMNS + " FROM papers p JOIN pool ON pool.id = p.id";
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                i = bindGuild(ps, i, guildId, IN_POOL_GUILDS);
                ps.setInt(i++, recent);
                i = bindGuild(ps, i, guildId, IN_POOL_GUILDS);
                ps.setInt(i++, recent);
                i = bindGuild(ps, i, guildId, 1 + IN_POOL_GUILDS);
                bindGuild(ps, i, guildId, 1);
                return readCandidates(ps);
            }
        });
    }

    /** The papers among {@code ids} that are in the server's pool (keyword hits from the index). */
    public List<Candidate> candidatesAmong(String guildId, Collection<String> ids) {
        if (ids.isEmpty()) return List.of();
        List<String> list = List.copyOf(ids);
        return db.read(c -> {
            List<Candidate> out = new ArrayList<>();
            for (int from = 0; from < list.size(); from += 500) {
                List<String> chunk = list.subList(from, Math.min(list.size(), from + 500));
                String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + CANDIDATE_COLUMNS + " FROM papers p WHERE "
                        + IN_POOL + " AND p.id IN (" + marks + ")")) {
                    int i = bindGuild(ps, 1, guildId, 1 + IN_POOL_GUILDS);
                    for (String id : chunk) ps.setString(i++, id);
                    out.addAll(readCandidates(ps));
                }
            }
            return out;
        });
    }

    /** Binds {@code guildId} to {@code count} parameters from {@code first}; returns the next index. */
    private static int bindGuild(PreparedStatement ps, int first, String guildId, int count) throws SQLException {
        for (int n = 0; n < count; n++) ps.setString(first + n, guildId);
        return first + count;
    }

    private static List<Candidate> readCandidates(PreparedStatement ps) throws SQLException {
        List<Candidate> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String pub = rs.getString(3);
                out.add(new Candidate(
                        rs.getString(1),
                        rs.getString(2),
                        pub == null ? null : LocalDate.parse(pub),
                        rs.getInt(4),
                        Instant.parse(rs.getString(5)),
                        rs.getInt(6)));
            }
        }
        return out;
    }

    /** Takes the server's local day; false when that day already has a post (or one in flight). */
    public boolean claim(String guildId, LocalDate day, String channelId, Instant now) {
        return db.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO highlight_posts(guild_id, local_date, posted_at, channel_id) "
                            + "VALUES (?,?,?,?) ON CONFLICT (guild_id, local_date) DO NOTHING")) {
                ps.setString(1, guildId);
                ps.setString(2, day.toString());
                ps.setString(3, now.toString());
                ps.setString(4, channelId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Gives a claimed day back after a failed post, so a later attempt may post. */
    public void release(String guildId, LocalDate day) {
        db.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM highlight_posts WHERE guild_id=? AND local_date=?")) {
                ps.setString(1, guildId);
                ps.setString(2, day.toString());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Records a failed attempt (the reason replaces the previous one); returns the attempts in
     * a row that have now failed.
     */
    public int recordFailure(String guildId, Instant at, String reason) {
        return db.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO highlight_failures(guild_id, failed_at, reason, attempts) "
                            + "VALUES (?,?,?,1) ON CONFLICT (guild_id) DO UPDATE SET failed_at=excluded.failed_at, reason=excluded.reason, "
                            + "attempts=attempts+1 RETURNING attempts")) {
                ps.setString(1, guildId);
                ps.setString(2, at.toString());
                ps.setString(3, reason);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 1;
                }
            }
        });
    }

    /** The server's last failed post, unless a post succeeded since (or the channel was changed). */
    public Optional<Failure> failure(String guildId) {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT failed_at, reason, attempts FROM highlight_failures WHERE guild_id=?")) {
                ps.setString(1, guildId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<Failure>empty();
                    return Optional.of(new Failure(Instant.parse(rs.getString(1)), rs.getString(2), rs.getInt(3)));
                }
            }
        });
    }

    /** Forgets the server's failures: a post went out, or a moderator chose another channel. */
    public void clearFailure(String guildId) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM highlight_failures WHERE guild_id=?")) {
                ps.setString(1, guildId);
                return ps.executeUpdate();
            }
        });
    }

    /** A paper Discord refused in the server's post: left out of the server's picks until the paper changes. */
    public void recordRejected(String guildId, String paperId, Instant at, String reason) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO highlight_rejected_papers(guild_id, paper_id, paper_seq, "
                            + "rejected_at, reason) SELECT ?, id, seq, ?, ? FROM papers WHERE id=? ON CONFLICT (guild_id, paper_id) DO UPDATE "
                            + "SET paper_seq=excluded.paper_seq, rejected_at=excluded.rejected_at, reason=excluded.reason")) {
                ps.setString(1, guildId);
                ps.setString(2, at.toString());
                ps.setString(3, reason);
                ps.setString(4, paperId);
                return ps.executeUpdate();
            }
        });
    }

    /** Completes a claimed day: the message id and the papers shown, in one transaction. */
    public void recordPost(String guildId, LocalDate day, String messageId, List<Highlighted> shown) {
        db.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE highlight_posts SET message_id=? WHERE guild_id=? AND local_date=?")) {
                ps.setString(1, messageId);
                ps.setString(2, guildId);
                ps.setString(3, day.toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO highlighted_papers(guild_id, paper_id, local_date, reason) "
                            + "VALUES (?,?,?,?) ON CONFLICT (guild_id, paper_id) DO NOTHING")) {
                for (Highlighted h : shown) {
                    ps.setString(1, guildId);
                    ps.setString(2, h.paperId());
                    ps.setString(3, day.toString());
                    ps.setString(4, h.reason());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    public Optional<Post> post(String guildId, LocalDate day) {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT posted_at, channel_id, message_id FROM highlight_posts "
                            + "WHERE guild_id=? AND local_date=?")) {
                ps.setString(1, guildId);
                ps.setString(2, day.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<Post>empty();
                    return Optional.of(
                            new Post(guildId, day, Instant.parse(rs.getString(1)), rs.getString(2), rs.getString(3)));
                }
            }
        });
    }

    /** Every ledger row of the server, oldest first (tests and diagnostics). */
    public List<Post> posts(String guildId) {
        return db.read(c -> {
            List<Post> out = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT local_date, posted_at, channel_id, message_id FROM highlight_posts "
                            + "WHERE guild_id=? ORDER BY local_date")) {
                ps.setString(1, guildId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Post(
                                guildId,
                                LocalDate.parse(rs.getString(1)),
                                Instant.parse(rs.getString(2)),
                                rs.getString(3),
                                rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    /** Papers highlighted in the server with their reasons, by paper id. */
    public Map<String, String> highlighted(String guildId) {
        return db.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT paper_id, reason FROM highlighted_papers WHERE guild_id=? ORDER BY local_date, paper_id")) {
                ps.setString(1, guildId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }
}
