package dev.paperclub.command;

import java.util.List;

/**
 * Who asks, and where: the member, their server and channel, their roles, and whether
 * Discord says they hold Manage Server (or Administrator). Adapters fill it from the
 * platform; handlers never see the platform itself.
 */
public record Caller(
        String userId,
        String displayName,
        String guildId,
        String channelId,
        List<String> roleIds,
        boolean manageServer) {
    public Caller {
        roleIds = roleIds == null ? List.of() : List.copyOf(roleIds);
        displayName = displayName == null || displayName.isBlank() ? userId : displayName;
    }

    /** Discord-style mention in replies ({@code <@id>}); the console renders it as the name. */
    public String mention() {
        return "<@" + userId + ">";
    }
}
