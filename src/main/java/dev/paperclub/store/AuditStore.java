package dev.paperclub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit log: every admin action and every refusal, who, what, when and with what result. */
public final class AuditStore {
    /** One audit row. */
    public record Entry(
            long id,
            String guildId,
            String userId,
            String action,
            String target,
            String result,
            String detail,
            Instant at) {}

    /** The user id of entries PaperClub itself records (a failed post, a deleted channel): not a Discord user. */
    public static final String SYSTEM_USER = "paperclub";

    private final Database db;

    public AuditStore(Database db) {
        this.db = db;
    }

    public void record(
            String guildId, String userId, String action, String target, String result, String detail, Instant at) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO audit_log(guild_id, user_id, action, target, result, detail, at) VALUES (?,?,?,?,?,?,?)")) {
                ps.setString(1, guildId);
                ps.setString(2, userId);
                ps.setString(3, cap(action, 100));
                ps.setString(4, cap(target, 300));
                ps.setString(5, cap(result, 50));
                ps.setString(6, cap(detail, 1000));
                ps.setString(7, at.toString());
                return ps.executeUpdate();
            }
        });
    }

    /** Newest first. */
    public List<Entry> recent(String guildId, int limit) {
        return db.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id, guild_id, user_id, action, target, result, detail, at "
                            + "FROM audit_log WHERE guild_id IS ? ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, guildId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                Instant.parse(rs.getString(8))));
                    }
                }
            }
            return out;
        });
    }

    private static String cap(String s, int n) {
        return s == null || s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
