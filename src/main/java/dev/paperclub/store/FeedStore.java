package dev.paperclub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Per-server feeds (table {@code feeds}) with their ledger, the ids each stream has brought
 * ({@code feed_seen}), and each feed's arrivals ({@code feed_arrivals}), which are candidates for
 * the server's highlights.
 */
public final class FeedStore {
    private static final String COLUMNS = "id, guild_id, source, query, search, keywords, created_by, created_at,"
            + " last_fetch_at, last_added, last_updated, last_unchanged, last_new, last_error, last_error_at,"
            + " failures, retry_at, fetched_day, nothing_new_day";

    /**
     * One feed as stored.
     *
     * @param search the arXiv API {@code search_query} ({@code cat:cs.CL}); empty for hf-daily
     * @param keywords comma-separated, or null
     */
    public record Feed(
            long id,
            String guildId,
            String source,
            String query,
            String search,
            String keywords,
            String createdBy,
            Instant createdAt,
            Instant lastFetchAt,
            Integer lastAdded,
            Integer lastUpdated,
            Integer lastUnchanged,
            Integer lastNew,
            String lastError,
            Instant lastErrorAt,
            int failures,
            Instant retryAt,
            LocalDate fetchedDay,
            LocalDate nothingNewDay) {
        /** The papers this feed and every other feed with the same source and search share. */
        public String stream() {
            return source + ":" + search;
        }

        /** "arxiv cat:cs.CL" or "hf-daily": how the feed is named in lists, logs and arrivals. */
        public String label() {
            return search.isEmpty() ? source : source + " " + query;
        }
    }

    /** What one fetch brought, for the feed's ledger. */
    public record Fetched(Instant at, int added, int updated, int unchanged, int fresh) {}

    /** A feed's arrival as a highlights candidate: the feed's label and keywords, the paper. */
    public record Arrival(long feedId, String label, String keywords, String paperId) {}

    private final Database db;

    public FeedStore(Database db) {
        this.db = db;
    }

    /** Adds a feed; empty when the server already has one with this source and search. */
    public Optional<Feed> add(
            String guildId, String source, String query, String search, String keywords, String by, Instant now) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO feeds(guild_id, source, query, search, keywords, created_by, created_at)"
                            + " VALUES (?,?,?,?,?,?,?) ON CONFLICT(guild_id, source, search) DO NOTHING")) {
                ps.setString(1, guildId);
                ps.setString(2, source);
                ps.setString(3, query);
                ps.setString(4, search);
                ps.setString(5, keywords);
                ps.setString(6, by);
                ps.setString(7, now.toString());
                if (ps.executeUpdate() == 0) return Optional.<Feed>empty();
            }
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT " + COLUMNS + " FROM feeds WHERE id = last_insert_rowid()");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.<Feed>empty();
            }
        });
    }

    /** The server's feeds, oldest first. */
    public List<Feed> feeds(String guildId) {
        return query("SELECT " + COLUMNS + " FROM feeds WHERE guild_id = ? ORDER BY id", guildId);
    }

    /** Every server's feeds. */
    public List<Feed> all() {
        return query("SELECT " + COLUMNS + " FROM feeds ORDER BY id", null);
    }

    /** The feeds of every server that share {@code stream} (source and search). */
    public List<Feed> subscribers(String stream) {
        List<Feed> out = new ArrayList<>();
        for (Feed f : all()) if (f.stream().equals(stream)) out.add(f);
        return out;
    }

    public Optional<Feed> find(String guildId, long id) {
        return feeds(guildId).stream().filter(f -> f.id() == id).findFirst();
    }

    public int count(String guildId) {
        return feeds(guildId).size();
    }

    /** Removes every feed of the server and their arrivals (the bot left it); returns how many feeds. */
    public int removeAll(String guildId) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM feed_arrivals WHERE feed_id IN (SELECT id FROM feeds WHERE guild_id = ?)")) {
                ps.setString(1, guildId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM feeds WHERE guild_id = ?")) {
                ps.setString(1, guildId);
                return ps.executeUpdate();
            }
        });
    }

    /** Removes the server's feed and its arrivals; false when it has no such feed. */
    public boolean remove(String guildId, long id) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM feed_arrivals WHERE feed_id = ?"
                    + " AND feed_id IN (SELECT id FROM feeds WHERE guild_id = ?)")) {
                ps.setLong(1, id);
                ps.setString(2, guildId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM feeds WHERE id = ? AND guild_id = ?")) {
                ps.setLong(1, id);
                ps.setString(2, guildId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** A fetch that worked: its figures, no error, no failures; {@code day} is set when it completes that day. */
    public void recordFetched(long id, Fetched f, LocalDate day, LocalDate nothingNewDay, Instant retryAt) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE feeds SET last_fetch_at=?, last_added=?,"
                    + " last_updated=?, last_unchanged=?, last_new=?, last_error=NULL, last_error_at=NULL, failures=0,"
                    + " retry_at=?, fetched_day=COALESCE(?, fetched_day), nothing_new_day=COALESCE(?, nothing_new_day)"
                    + " WHERE id=?")) {
                ps.setString(1, f.at().toString());
                ps.setInt(2, f.added());
                ps.setInt(3, f.updated());
                ps.setInt(4, f.unchanged());
                ps.setInt(5, f.fresh());
                setNullable(ps, 6, retryAt);
                setNullable(ps, 7, day);
                setNullable(ps, 8, nothingNewDay);
                ps.setLong(9, id);
                return ps.executeUpdate();
            }
        });
    }

    /** A fetch that failed: why, one more failure in a row, and when to try again. */
    public void recordFailure(long id, Instant at, String error, Instant retryAt) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE feeds SET last_error=?, last_error_at=?,"
                    + " failures=failures+1, retry_at=? WHERE id=?")) {
                ps.setString(1, error);
                ps.setString(2, at.toString());
                ps.setString(3, retryAt.toString());
                ps.setLong(4, id);
                return ps.executeUpdate();
            }
        });
    }

    /** The ids among {@code ids} that {@code stream} has brought before. */
    public Set<String> seen(String stream, Collection<String> ids) {
        return new HashSet<>(inChunks(
                ids,
                n -> "SELECT item_id FROM feed_seen WHERE stream = ? AND item_id IN (" + marks(n) + ")",
                (ps, chunk) -> {
                    ps.setString(1, stream);
                    int i = 2;
                    for (String id : chunk) ps.setString(i++, id);
                }));
    }

    /** What binds one chunk's parameters. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, List<String> chunk) throws SQLException;
    }

    /** The first column of {@code sql} (built for a chunk's size) over {@code ids}, 500 at a time (SQLite's parameter limit). */
    private List<String> inChunks(Collection<String> ids, java.util.function.IntFunction<String> sql, Binder binder) {
        if (ids.isEmpty()) return List.of();
        List<String> list = List.copyOf(ids);
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            for (int from = 0; from < list.size(); from += 500) {
                List<String> chunk = list.subList(from, Math.min(list.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement(sql.apply(chunk.size()))) {
                    binder.bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Records what one fetch of {@code stream} brought, in one transaction: the ids as seen, and
     * {@code paperIds} (the ones new to the stream) as arrivals of every feed in {@code feeds}.
     */
    public void recordArrivals(
            String stream,
            Collection<String> itemIds,
            Collection<Long> feeds,
            Collection<String> paperIds,
            Instant now) {
        db.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT OR IGNORE INTO feed_seen(stream, item_id, seen_at) VALUES (?,?,?)")) {
                for (String id : itemIds) {
                    ps.setString(1, stream);
                    ps.setString(2, id);
                    ps.setString(3, now.toString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO feed_arrivals(feed_id, paper_id,"
                    + " arrived_at) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM papers WHERE id = ?)")) {
                for (long feed : feeds) {
                    for (String p : paperIds) {
                        ps.setLong(1, feed);
                        ps.setString(2, p);
                        ps.setString(3, now.toString());
                        ps.setString(4, p);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The server's feed arrivals since {@code since}, newest first, at most {@code limit}. */
    public List<Arrival> arrivals(String guildId, Instant since, int limit) {
        return db.read(c -> {
            List<Arrival> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT f.id, f.source, f.query, f.search, f.keywords,"
                    + " a.paper_id FROM feed_arrivals a JOIN feeds f ON f.id = a.feed_id WHERE f.guild_id = ?"
                    + " AND a.arrived_at >= ? ORDER BY a.arrived_at DESC, a.paper_id LIMIT ?")) {
                ps.setString(1, guildId);
                ps.setString(2, since.toString());
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String label =
                                rs.getString(4).isEmpty() ? rs.getString(2) : rs.getString(2) + " " + rs.getString(3);
                        out.add(new Arrival(rs.getLong(1), label, rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    /** The library's paper ids for these arXiv ids (a paper merged by title keeps its own id). */
    public List<String> paperIdsOfArxiv(Collection<String> arxivIds) {
        return inChunks(
                arxivIds,
                n -> "SELECT id FROM papers WHERE arxiv_id IN (" + marks(n) + ") OR id IN (" + marks(n) + ")",
                (ps, chunk) -> {
                    int i = 1;
                    for (String id : chunk) ps.setString(i++, id);
                    for (String id : chunk) ps.setString(i++, id);
                });
    }

    private List<Feed> query(String sql, String guildId) {
        return db.read(c -> {
            List<Feed> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (guildId != null) ps.setString(1, guildId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
            }
            return out;
        });
    }

    private static Feed row(ResultSet rs) throws SQLException {
        return new Feed(
                rs.getLong("id"),
                rs.getString("guild_id"),
                rs.getString("source"),
                rs.getString("query"),
                rs.getString("search"),
                rs.getString("keywords"),
                rs.getString("created_by"),
                Instant.parse(rs.getString("created_at")),
                instant(rs.getString("last_fetch_at")),
                (Integer) rs.getObject("last_added"),
                (Integer) rs.getObject("last_updated"),
                (Integer) rs.getObject("last_unchanged"),
                (Integer) rs.getObject("last_new"),
                rs.getString("last_error"),
                instant(rs.getString("last_error_at")),
                rs.getInt("failures"),
                instant(rs.getString("retry_at")),
                day(rs.getString("fetched_day")),
                day(rs.getString("nothing_new_day")));
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static LocalDate day(String s) {
        return s == null ? null : LocalDate.parse(s);
    }

    private static void setNullable(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) ps.setNull(i, Types.VARCHAR);
        else ps.setString(i, v.toString());
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
