package dev.paperclub.vote;

import dev.paperclub.store.VoteStore;
import dev.paperclub.store.VoteStore.Entry;
import dev.paperclub.store.VoteStore.Pick;
import dev.paperclub.store.VoteStore.VoteOutcome;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Members' votes on what to read next, with the optional per-member budget
 * ({@code votes.per-member}, 0 = unlimited), the reading list, and the moderators' picks, marks
 * and resets. Tallies come straight from the store, which only this service reads and writes.
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
        return !votes.votedBy(guildId, userId, List.of(paperId)).isEmpty();
    }

    /** Open votes for one paper in this server. */
    public int tally(String guildId, String paperId) {
        return votes.tally(guildId, paperId);
    }

    /** Open votes by paper id; papers without votes are absent. */
    public Map<String, Integer> tallies(String guildId, Collection<String> paperIds) {
        return votes.tallies(guildId, paperIds);
    }

    /** Which of {@code paperIds} the member holds an open vote for. */
    public Set<String> votedBy(String guildId, String userId, Collection<String> paperIds) {
        return votes.votedBy(guildId, userId, paperIds);
    }

    /** Open votes the member holds this cycle (what the budget counts). */
    public int votesHeld(String guildId, String userId) {
        return votes.votesHeld(guildId, userId);
    }

    /** Unread papers with open votes, most votes first, at most {@code limit}. */
    public List<Entry> readingList(String guildId, int limit) {
        return votes.readingList(guildId, limit);
    }

    /** Closes the vote cycle on the top unread paper; empty when no unread paper has votes. */
    public Optional<Pick> pick(String guildId, String moderatorId) {
        return votes.pick(guildId, moderatorId, clock.instant());
    }

    /** Marks a paper read in this server; false when it already was. */
    public boolean markRead(String guildId, String paperId, String moderatorId) {
        return votes.markRead(guildId, paperId, moderatorId, clock.instant());
    }

    /** Deletes open votes for one paper, or for every paper when {@code paperId} is null; returns how many. */
    public int resetVotes(String guildId, String paperId) {
        return votes.resetVotes(guildId, paperId);
    }
}
