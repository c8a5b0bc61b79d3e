package dev.paperclub.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.paperclub.util.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code ingest_queue} table (migration V9): inputs past their commit point, and how far each is applied. */
final class IngestQueue {
    private IngestQueue() {}

    /** What parsing found besides the records: kept with the input so its report can be given by whoever applies it. */
    record Parsed(List<Rejection> rejections, List<Rejection> dropped) {}

    /** One queued input and its progress. */
    record Entry(
            long id,
            String source,
            String origin,
            String guildId,
            InputFormat format,
            String sha256,
            String spool,
            int records,
            Parsed parsed,
            int applied,
            Counts counts,
            Instant queuedAt,
            Instant doneAt) {
        boolean done() {
            return doneAt != null;
        }

        IngestReport report() {
            return counts.report(source, format, false, parsed.rejections(), parsed.dropped());
        }
    }

    /** The commit point: after this row is committed, the input will be stored whole. */
    static long insert(Connection c, Staged s, String origin, String guildId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ingest_queue(source, origin, guild_id, format, sha256, spool, records, parsed, queued_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?) RETURNING id")) {
            ps.setString(1, s.source());
            ps.setString(2, origin);
            ps.setString(3, guildId);
            ps.setString(4, s.format().name());
            ps.setString(5, s.sha256());
            ps.setString(6, s.spool().getFileName().toString());
            ps.setInt(7, s.records());
            ps.setString(
                    8,
                    Json.write(Map.of(
                            "rejections",
                            s.parsed().rejections(),
                            "dropped",
                            s.parsed().dropped())));
            ps.setString(9, now.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Records progress in the transaction {@code c} that applied it; {@code doneAt} non-null when the input is complete. */
    static void progress(Connection c, long id, int applied, Counts counts, Instant doneAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ingest_queue SET applied = ?, added = ?, updated = ?,"
                + " unchanged = ?, added_ids = ?, updated_ids = ?, done_at = ? WHERE id = ?")) {
            ps.setInt(1, applied);
            ps.setInt(2, counts.added);
            ps.setInt(3, counts.updated);
            ps.setInt(4, counts.unchanged);
            ps.setString(5, Json.write(counts.addedIds));
            ps.setString(6, Json.write(counts.updatedIds));
            ps.setString(7, doneAt == null ? null : doneAt.toString());
            ps.setLong(8, id);
            ps.executeUpdate();
        }
    }

    /** Takes an input none of which is applied off the queue (the disk filled up before its first step). */
    static int remove(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ingest_queue WHERE id = ? AND applied = 0")) {
            ps.setLong(1, id);
            return ps.executeUpdate();
        }
    }

    /** The ids of inputs not yet applied whole, oldest first (a small partial index answers it). */
    static List<Long> pending(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT id FROM ingest_queue WHERE done_at IS NULL ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) ids.add(rs.getLong(1));
        }
        return ids;
    }

    /** The spool files that inputs not yet applied whole still need. */
    static List<String> pendingSpools(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT spool FROM ingest_queue WHERE done_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return names;
    }

    static Optional<Entry> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM ingest_queue WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                Counts counts = new Counts();
                counts.added = rs.getInt("added");
                counts.updated = rs.getInt("updated");
                counts.unchanged = rs.getInt("unchanged");
                counts.addedIds.addAll(Json.stringList(rs.getString("added_ids")));
                counts.updatedIds.addAll(Json.stringList(rs.getString("updated_ids")));
                String done = rs.getString("done_at");
                return Optional.of(new Entry(
                        rs.getLong("id"),
                        rs.getString("source"),
                        rs.getString("origin"),
                        rs.getString("guild_id"),
                        InputFormat.valueOf(rs.getString("format")),
                        rs.getString("sha256"),
                        rs.getString("spool"),
                        rs.getInt("records"),
                        parsed(rs.getString("parsed")),
                        rs.getInt("applied"),
                        counts,
                        Instant.parse(rs.getString("queued_at")),
                        done == null ? null : Instant.parse(done)));
            }
        }
    }

    private static Parsed parsed(String json) {
        try {
            Map<String, List<Rejection>> m =
                    Json.MAPPER.readValue(json, new TypeReference<Map<String, List<Rejection>>>() {});
            return new Parsed(m.getOrDefault("rejections", List.of()), m.getOrDefault("dropped", List.of()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("ingest_queue.parsed is not readable: " + e.getMessage(), e);
        }
    }
}
