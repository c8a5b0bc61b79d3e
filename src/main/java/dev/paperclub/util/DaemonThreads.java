package dev.paperclub.util;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for PaperClub's own pools. Every pool thread is a daemon, so a pool a crash
 * leaves behind never keeps the JVM alive; the owner still shuts its pool down on close.
 */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** Daemon threads all called {@code name}. */
    public static ThreadFactory named(String name) {
        return r -> daemon(new Thread(r, name));
    }

    /** Daemon threads called {@code prefix-1}, {@code prefix-2}, … */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> daemon(new Thread(r, prefix + "-" + n.incrementAndGet()));
    }

    /** {@code threads} at the lowest priority: catch-up work that members' commands come before. */
    public static ThreadFactory lowPriority(ThreadFactory threads) {
        return r -> {
            Thread t = threads.newThread(r);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        };
    }

    private static Thread daemon(Thread t) {
        t.setDaemon(true);
        return t;
    }
}
