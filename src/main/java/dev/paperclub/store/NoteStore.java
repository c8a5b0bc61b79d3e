package dev.paperclub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Members' notes on papers, per server. Newest first everywhere (ties, as under a fixed clock,
 * by the order they were written). Who may delete a note is the command layer's rule; the store
 * only deletes the note it is given.
 */
public final class NoteStore {
    /** One note: who wrote it (their id, and their name as it was then), on what, when. */
    public record Note(
            long id, String guildId, String paperId, String userId, String author, String text, Instant created) {}

    private static final String COLUMNS = "id, guild_id, paper_id, user_id, author, text, created";

    private final Database db;

    public NoteStore(Database db) {
        this.db = db;
    }

    /** Saves a note; returns it with its id. */
    public Note add(String guildId, String paperId, String userId, String author, String text, Instant now) {
        long id = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO notes(guild_id, paper_id, user_id, author, text, created) VALUES (?,?,?,?,?,?) RETURNING id")) {
                ps.setString(1, guildId);
                ps.setString(2, paperId);
                ps.setString(3, userId);
                ps.setString(4, author);
                ps.setString(5, text);
                ps.setString(6, now.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Note(id, guildId, paperId, userId, author, text, now);
    }

    /** The notes on a paper in a server, newest first, {@code limit} of them from {@code offset}. */
    public List<Note> list(String guildId, String paperId, int offset, int limit) {
        return db.read(c -> {
            List<Note> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM notes WHERE guild_id=? AND paper_id=? ORDER BY created DESC, id DESC LIMIT ? OFFSET ?")) {
                ps.setString(1, guildId);
                ps.setString(2, paperId);
                ps.setInt(3, limit);
                ps.setInt(4, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(note(rs));
                }
            }
            return out;
        });
    }

    /** The length of each note on a paper in a server, newest first: what pages of notes are cut by. */
    public List<Integer> lengths(String guildId, String paperId) {
        return db.read(c -> {
            List<Integer> out = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT length(text) FROM notes WHERE guild_id=? AND paper_id=? "
                            + "ORDER BY created DESC, id DESC")) {
                ps.setString(1, guildId);
                ps.setString(2, paperId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getInt(1));
                }
            }
            return out;
        });
    }

    /** How many notes a paper has in a server. */
    public int count(String guildId, String paperId) {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT COUNT(*) FROM notes WHERE guild_id=? AND paper_id=?")) {
                ps.setString(1, guildId);
                ps.setString(2, paperId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    public Optional<Note> find(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notes WHERE id=?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(note(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Deletes a note; false when it was already gone. */
    public boolean delete(long id) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM notes WHERE id=?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static Note note(ResultSet rs) throws SQLException {
        return new Note(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                Instant.parse(rs.getString(7)));
    }
}
