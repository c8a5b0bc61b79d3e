package dev.paperclub.store;

/**
 * A server's own settings; null fields fall back to the configured defaults.
 *
 * @param keywords comma-separated words that make highlights favour matching papers
 */
public record GuildSettings(
        String guildId,
        String channelId,
        String postTime,
        String timezone,
        Integer count,
        Boolean enabled,
        String moderatorRoleId,
        String keywords) {
    public static GuildSettings empty(String guildId) {
        return new GuildSettings(guildId, null, null, null, null, null, null, null);
    }

    public GuildSettings withChannel(String id) {
        return new GuildSettings(guildId, id, postTime, timezone, count, enabled, moderatorRoleId, keywords);
    }

    public GuildSettings withSchedule(String time, String zone, Integer n, Boolean on) {
        return new GuildSettings(guildId, channelId, time, zone, n, on, moderatorRoleId, keywords);
    }

    public GuildSettings withModeratorRole(String roleId) {
        return new GuildSettings(guildId, channelId, postTime, timezone, count, enabled, roleId, keywords);
    }

    public GuildSettings withKeywords(String k) {
        return new GuildSettings(guildId, channelId, postTime, timezone, count, enabled, moderatorRoleId, k);
    }
}
