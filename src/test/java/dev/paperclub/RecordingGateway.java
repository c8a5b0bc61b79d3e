package dev.paperclub;

import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.Reply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ChannelGateway that records posts and threads. A test that needs a channel to fail (gone,
 * no permission) spies on it with Mockito and stubs that channel: {@code doThrow(…).when(g).post(eq(id), any())}.
 */
public final class RecordingGateway implements ChannelGateway {
    /** One post as sent. */
    public record Post(String channelId, String messageId, Reply message) {}

    public final List<Post> posts = new CopyOnWriteArrayList<>();
    public final List<String> threads = new CopyOnWriteArrayList<>();
    /** Direct messages as sent: {@code channelId} holds the member's user id. */
    public final List<Post> directMessages = new CopyOnWriteArrayList<>();

    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public String post(String channelId, Reply message) throws PostException {
        String id = "m" + ids.incrementAndGet();
        posts.add(new Post(channelId, id, message));
        return id;
    }

    @Override
    public String directMessage(String userId, String userName, Reply message) throws PostException {
        String id = "dm" + ids.incrementAndGet();
        directMessages.add(new Post(userId, id, message));
        return id;
    }

    @Override
    public void openThread(String channelId, String messageId, String name) throws PostException {
        threads.add(messageId + ":" + name);
    }

    public List<Post> in(String channelId) {
        return posts.stream().filter(p -> p.channelId().equals(channelId)).toList();
    }
}
