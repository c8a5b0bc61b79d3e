package dev.paperclub.vote;

import dev.paperclub.store.VoteStore;
import dev.paperclub.store.VoteStore.VoteOutcome;
import java.time.Clock;

/**
 * Members' votes on what to read next, with the optional per-member budget
 * ({@code votes.per-member}, 0 = unlimited). Tallies come straight from the store.
 */
public final class VoteService {
    /** A vote's outcome and the paper's tally after it. */
    public record Result(VoteOutcome outcome, int tally, int held) {}

    private final VoteStore votes;
    private final Clock clock;
    private final int budget;

    public VoteService(VoteStore votes, Clock clock, int budget) {
        this.votes = votes;
        this.clock = clock;
        this.budget = budget;
    }

    public VoteStore store() {
        return votes;
    }

    public int budget() {
        return budget;
    }

    public Result vote(String guildId, String paperId, String userId) {
        VoteOutcome o = votes.vote(guildId, paperId, userId, clock.instant(), budget);
        return new Result(o, votes.tally(guildId, paperId), votes.votesHeld(guildId, userId));
    }

    /** Returns the tally after removing; {@code removed} false when there was no vote. */
    public Unvote unvote(String guildId, String paperId, String userId) {
        boolean removed = votes.unvote(guildId, paperId, userId);
        return new Unvote(removed, votes.tally(guildId, paperId));
    }

    /** Outcome of an unvote. */
    public record Unvote(boolean removed, int tally) {}

    public boolean hasVoted(String guildId, String paperId, String userId) {
        return !votes.votedBy(guildId, userId, java.util.List.of(paperId)).isEmpty();
    }
}
