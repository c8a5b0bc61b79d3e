package dev.paperclub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Per-server settings (highlights channel and schedule, moderator role, keywords). */
public final class GuildSettingsStore {
    private final Database db;

    public GuildSettingsStore(Database db) {
        this.db = db;
    }

    public GuildSettings get(String guildId) {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT channel_id, post_time, timezone, post_count, enabled, "
                            + "moderator_role_id, keywords FROM guild_settings WHERE guild_id=?")) {
                ps.setString(1, guildId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return GuildSettings.empty(guildId);
                    return row(guildId, rs);
                }
            }
        });
    }

    public List<GuildSettings> all() {
        return db.read(c -> {
            List<GuildSettings> out = new ArrayList<>();
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT guild_id, channel_id, post_time, timezone, post_count, enabled, "
                                    + "moderator_role_id, keywords FROM guild_settings ORDER BY guild_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row(rs.getString("guild_id"), rs));
            }
            return out;
        });
    }

    private static GuildSettings row(String guildId, ResultSet rs) throws java.sql.SQLException {
        Integer count = (Integer) rs.getObject("post_count");
        Object en = rs.getObject("enabled");
        return new GuildSettings(
                guildId,
                rs.getString("channel_id"),
                rs.getString("post_time"),
                rs.getString("timezone"),
                count,
                en == null ? null : ((Number) en).intValue() == 1,
                rs.getString("moderator_role_id"),
                rs.getString("keywords"));
    }

    public void put(GuildSettings s, Instant now) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO guild_settings(guild_id, channel_id, post_time, timezone, "
                            + "post_count, enabled, moderator_role_id, keywords, updated) VALUES (?,?,?,?,?,?,?,?,?) "
                            + "ON CONFLICT(guild_id) DO UPDATE SET channel_id=excluded.channel_id, post_time=excluded.post_time, "
                            + "timezone=excluded.timezone, post_count=excluded.post_count, enabled=excluded.enabled, "
                            + "moderator_role_id=excluded.moderator_role_id, keywords=excluded.keywords, updated=excluded.updated")) {
                ps.setString(1, s.guildId());
                ps.setString(2, s.channelId());
                ps.setString(3, s.postTime());
                ps.setString(4, s.timezone());
                if (s.count() == null) ps.setNull(5, Types.INTEGER);
                else ps.setInt(5, s.count());
                if (s.enabled() == null) ps.setNull(6, Types.INTEGER);
                else ps.setInt(6, s.enabled() ? 1 : 0);
                ps.setString(7, s.moderatorRoleId());
                ps.setString(8, s.keywords());
                ps.setString(9, now.toString());
                return ps.executeUpdate();
            }
        });
    }
}
