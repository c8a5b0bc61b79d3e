package dev.paperclub.command;

import dev.paperclub.metrics.Metrics;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ChannelGateway} that counts what goes through it in {@link Metrics}: each post (sent or
 * failed) under one kind ({@link Metrics#POST_HIGHLIGHT}, {@link Metrics#POST_ANNOUNCEMENT}, …),
 * each thread opened under {@link Metrics#POST_THREAD}. The wiring gives each poster its own.
 */
public final class CountedGateway implements ChannelGateway {
    private final ChannelGateway gateway;
    private final Metrics metrics;
    private final String kind;

    public CountedGateway(ChannelGateway gateway, Metrics metrics, String kind) {
        this.gateway = gateway;
        this.metrics = metrics;
        this.kind = kind;
    }

    @Override
    public String post(String channelId, Reply message) throws PostException {
        boolean ok = false;
        try {
            String id = gateway.post(channelId, message);
            ok = true;
            return id;
        } finally {
            metrics.posted(kind, ok);
        }
    }

    @Override
    public void openThread(String channelId, String messageId, String name) throws PostException {
        boolean ok = false;
        try {
            gateway.openThread(channelId, messageId, name);
            ok = true;
        } finally {
            metrics.posted(Metrics.POST_THREAD, ok);
        }
    }

    @Override
    public String directMessage(String userId, String userName, Reply message) throws PostException {
        boolean ok = false;
        try {
            String id = gateway.directMessage(userId, userName, message);
            ok = true;
            return id;
        } finally {
            metrics.posted(kind, ok);
        }
    }

    @Override
    public boolean isMember(String guildId, String userId) throws PostException {
        return gateway.isMember(guildId, userId);
    }

    @Override
    public CompletableFuture<String> send(String channelId, Reply message) {
        return gateway.send(channelId, message).whenComplete((id, failure) -> metrics.posted(kind, failure == null));
    }

    @Override
    public ChannelAccess access(String channelId, boolean threads) {
        return gateway.access(channelId, threads);
    }
}
