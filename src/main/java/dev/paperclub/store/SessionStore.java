package dev.paperclub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading sessions per server (table {@code sessions}): one per pick, edited or canceled by moderators. */
public final class SessionStore {
    /**
     * One session. {@code startsAt} is null until a time is set; {@code presenter} is a user id or
     * a console name; {@code place} is a channel id when {@code channelPlace}, else free text.
     */
    public record Session(
            long id,
            String guildId,
            String paperId,
            int votes,
            Instant startsAt,
            String presenter,
            String place,
            boolean channelPlace,
            String eventId,
            Instant canceledAt,
            Instant closedAt,
            Instant createdAt) {
        public boolean canceled() {
            return canceledAt != null;
        }

        /** Never given a time, and closed by the server's next pick: it is past. */
        public boolean closed() {
            return closedAt != null;
        }

        /** Not canceled, not closed and not begun: no time yet, or a time still ahead. */
        public boolean upcoming(Instant now) {
            return !canceled() && !closed() && (startsAt == null || startsAt.isAfter(now));
        }
    }

    private static final String COLUMNS = "id, guild_id, paper_id, votes, starts_at, presenter, place, channel_place, "
            + "event_id, canceled_at, closed_at, created_at";

    private final Database db;

    public SessionStore(Database db) {
        this.db = db;
    }

    /** Opens a session; returns it with its id. */
    public Session open(
            String guildId,
            String paperId,
            int votes,
            Instant startsAt,
            String presenter,
            String place,
            boolean channelPlace,
            String userId,
            Instant now) {
        long id = db.write(c -> {
            // a session that never got a time is over once the next paper is picked: it must not stay "upcoming"
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET closed_at=? WHERE guild_id=? "
                    + "AND canceled_at IS NULL AND closed_at IS NULL AND starts_at IS NULL")) {
                ps.setString(1, now.toString());
                ps.setString(2, guildId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions(guild_id, paper_id, votes, starts_at, presenter, place, channel_place, "
                            + "created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, guildId);
                ps.setString(2, paperId);
                ps.setInt(3, votes);
                setStart(ps, 4, startsAt);
                ps.setString(5, presenter);
                ps.setString(6, place);
                ps.setInt(7, channelPlace ? 1 : 0);
                ps.setString(8, now.toString());
                ps.setString(9, userId);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return find(id).orElseThrow();
    }

    public Optional<Session> find(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sessions WHERE id=?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<Session>empty();
                }
            }
        });
    }

    /** The server's upcoming session: the latest opened one that is neither canceled nor begun. */
    public Optional<Session> upcoming(String guildId, Instant now) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sessions "
                    + "WHERE guild_id=? AND canceled_at IS NULL AND closed_at IS NULL "
                    + "AND (starts_at IS NULL OR starts_at > ?) "
                    + "ORDER BY id DESC LIMIT 1")) {
                ps.setString(1, guildId);
                ps.setLong(2, now.getEpochSecond());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<Session>empty();
                }
            }
        });
    }

    /** Every session of the server that is not canceled, newest opened first. */
    public List<Session> all(String guildId) {
        return db.read(c -> {
            List<Session> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM sessions WHERE guild_id=? AND canceled_at IS NULL ORDER BY id DESC")) {
                ps.setString(1, guildId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
            }
            return out;
        });
    }

    /** Stores a session's time, presenter and place as given. */
    public void update(Session s) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sessions SET starts_at=?, presenter=?, place=?, channel_place=? WHERE id=?")) {
                setStart(ps, 1, s.startsAt());
                ps.setString(2, s.presenter());
                ps.setString(3, s.place());
                ps.setInt(4, s.channelPlace() ? 1 : 0);
                ps.setLong(5, s.id());
                return ps.executeUpdate();
            }
        });
    }

    public void setEventId(long sessionId, String eventId) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET event_id=? WHERE id=?")) {
                ps.setString(1, eventId);
                ps.setLong(2, sessionId);
                return ps.executeUpdate();
            }
        });
    }

    public void cancel(long sessionId, Instant now) {
        db.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE sessions SET canceled_at=? WHERE id=? AND canceled_at IS NULL")) {
                ps.setString(1, now.toString());
                ps.setLong(2, sessionId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Sessions not canceled whose reminder for their current start is not in the ledger yet and is
     * due by {@code now} (start minus {@code before}), across servers.
     */
    public List<Session> remindersDue(Instant now, java.time.Duration before) {
        return db.read(c -> {
            List<Session> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sessions s "
                    + "WHERE canceled_at IS NULL AND starts_at IS NOT NULL AND starts_at <= ? "
                    + "AND NOT EXISTS (SELECT 1 FROM session_reminders r "
                    + "WHERE r.session_id = s.id AND r.starts_at = s.starts_at) ORDER BY starts_at, id")) {
                ps.setLong(1, now.plus(before).getEpochSecond());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
            }
            return out;
        });
    }

    /** Claims the reminder of a session at its start time in the ledger; false when it was already there. */
    public boolean claimReminder(Session s, String outcome, Instant now) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO session_reminders(session_id, starts_at, outcome, at) VALUES (?,?,?,?)")) {
                ps.setLong(1, s.id());
                ps.setLong(2, s.startsAt().getEpochSecond());
                ps.setString(3, outcome);
                ps.setString(4, now.toString());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Gives a claimed reminder back (its post failed), so a later tick tries again. */
    public void releaseReminder(Session s) {
        db.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM session_reminders WHERE session_id=? AND starts_at=?")) {
                ps.setLong(1, s.id());
                ps.setLong(2, s.startsAt().getEpochSecond());
                return ps.executeUpdate();
            }
        });
    }

    /** What the ledger says of a session's reminder at its start: "posted", "skipped", or empty. */
    public Optional<String> reminderOutcome(Session s) {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT outcome FROM session_reminders WHERE session_id=? AND starts_at=?")) {
                ps.setLong(1, s.id());
                ps.setLong(2, s.startsAt().getEpochSecond());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    private static void setStart(PreparedStatement ps, int index, Instant startsAt) throws SQLException {
        if (startsAt == null) ps.setNull(index, java.sql.Types.INTEGER);
        else ps.setLong(index, startsAt.getEpochSecond());
    }

    private static Session row(ResultSet rs) throws SQLException {
        long starts = rs.getLong("starts_at");
        boolean noStart = rs.wasNull();
        String canceled = rs.getString("canceled_at");
        String closed = rs.getString("closed_at");
        return new Session(
                rs.getLong("id"),
                rs.getString("guild_id"),
                rs.getString("paper_id"),
                rs.getInt("votes"),
                noStart ? null : Instant.ofEpochSecond(starts),
                rs.getString("presenter"),
                rs.getString("place"),
                rs.getInt("channel_place") == 1,
                rs.getString("event_id"),
                canceled == null ? null : Instant.parse(canceled),
                closed == null ? null : Instant.parse(closed),
                Instant.parse(rs.getString("created_at")));
    }
}
