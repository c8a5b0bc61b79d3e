package dev.paperclub;

import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.Reply;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A ChannelGateway that records posts and threads, and fails for channels marked gone. */
public final class RecordingGateway implements ChannelGateway {
    /** One post as sent. */
    public record Post(String channelId, String messageId, Reply message) {}

    public final List<Post> posts = new CopyOnWriteArrayList<>();
    public final List<String> threads = new CopyOnWriteArrayList<>();
    public final Set<String> gone = ConcurrentHashMap.newKeySet();
    public final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public String post(String channelId, Reply message) throws PostException {
        attempts.incrementAndGet();
        if (gone.contains(channelId)) throw new PostException("Unknown Channel (10003)");
        String id = "m" + ids.incrementAndGet();
        posts.add(new Post(channelId, id, message));
        return id;
    }

    @Override
    public void openThread(String channelId, String messageId, String name) throws PostException {
        if (gone.contains(channelId)) throw new PostException("Unknown Channel (10003)");
        threads.add(messageId + ":" + name);
    }

    public List<Post> in(String channelId) {
        return posts.stream().filter(p -> p.channelId().equals(channelId)).toList();
    }
}
