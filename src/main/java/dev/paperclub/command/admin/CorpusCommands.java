package dev.paperclub.command.admin;

import dev.paperclub.command.Choice;
import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Echo;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.PaperResolver;
import dev.paperclub.command.Reply;
import dev.paperclub.paper.Paper;
import dev.paperclub.paper.PaperIds;
import dev.paperclub.paper.TextNormalizer;
import dev.paperclub.search.IndexSync;
import dev.paperclub.search.PaperIndex;
import dev.paperclub.store.PaperChange;
import dev.paperclub.store.PaperStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /admin remove}, {@code /admin restore} and {@code /admin reindex}: the corpus side of
 * moderation. Removal is soft; after each store change the index catches up from the store's
 * change sequence, exactly as after an ingest.
 */
public final class CorpusCommands {
    private CorpusCommands() {}

    public static List<CommandHandler> handlers(
            PaperResolver resolver, PaperStore papers, IndexSync sync, PaperIndex index, Clock clock) {
        return List.of(
                new Remove(resolver, papers, sync, clock), new Restore(papers, sync, clock), new Reindex(sync, index));
    }

    static String title(Paper p) {
        return PaperCards.boldTitle(p) + " (`" + p.id() + "`)";
    }

    /** Soft-removes a paper: hidden from search, lists and highlights until restored. */
    static final class Remove implements AdminCommand {
        private final PaperResolver resolver;
        private final PaperStore papers;
        private final IndexSync sync;
        private final Clock clock;

        Remove(PaperResolver resolver, PaperStore papers, IndexSync sync, Clock clock) {
            this.resolver = resolver;
            this.papers = papers;
            this.sync = sync;
            this.clock = clock;
        }

        @Override
        public String key() {
            return "admin remove";
        }

        @Override
        public boolean changesLibrary() {
            return true;
        }

        @Override
        public Reply handle(CommandRequest r) {
            AdminCommand.guild(r.caller());
            String typed = r.options().requireString("paper");
            Optional<PaperChange> removed = papers.findAny(typed.strip()).filter(PaperChange::removed);
            if (removed.isPresent()) {
                throw new CommandException(
                        title(removed.get().paper()) + " is already removed; `/admin restore` brings it back.");
            }
            Paper p = resolver.resolveForChange(typed);
            if (!papers.remove(p.id(), clock.instant())) {
                throw new CommandException(title(p) + " is already removed; `/admin restore` brings it back.");
            }
            sync.catchUp();
            return Reply.text("Removed " + title(p) + ": hidden from search, lists and highlights. "
                    + "Undo with `/admin restore paper:" + p.id() + "`.");
        }
    }

    /**
     * Restores a removed paper. Search no longer has it, so it is found in the store: by id,
     * arXiv id or exact title, else as the one removed paper whose title contains what was typed
     * (the papers the choices list); several are offered, never picked.
     */
    static final class Restore implements AdminCommand {
        private final PaperStore papers;
        private final IndexSync sync;
        private final Clock clock;

        Restore(PaperStore papers, IndexSync sync, Clock clock) {
            this.papers = papers;
            this.sync = sync;
            this.clock = clock;
        }

        @Override
        public String key() {
            return "admin restore";
        }

        @Override
        public boolean changesLibrary() {
            return true;
        }

        /** Removed papers (search no longer has them), the most recently removed first. */
        @Override
        public List<Choice> choices(String option, String typed, PaperResolver visible) {
            return removedMatching(typed).stream()
                    .map(p -> new Choice(PaperCards.cut(p.title(), Choice.NAME_MAX), p.id()))
                    .toList();
        }

        private List<Paper> removedMatching(String typed) {
            return papers.findRemoved(typed, Choice.MAX);
        }

        @Override
        public Reply handle(CommandRequest r) {
            AdminCommand.guild(r.caller());
            String typed = r.options().requireString("paper").strip();
            Optional<PaperChange> named = papers.findAny(typed)
                    .or(() -> PaperIds.arxiv(typed).flatMap(papers::findAny))
                    .or(() -> papers.findAnyByTitle(typed));
            Paper p = named.isPresent() ? named.get().paper() : onlyRemoved(typed);
            if ((named.isPresent() && !named.get().removed()) || !papers.restore(p.id(), clock.instant())) {
                throw new CommandException(title(p) + " isn't removed; there is nothing to restore.");
            }
            sync.catchUp();
            return Reply.text("Restored " + title(p) + ": it is back in search, lists and highlights.");
        }

        /** The one removed paper whose title contains {@code typed}; several are offered instead, never picked. */
        private Paper onlyRemoved(String typed) {
            List<Paper> removed = TextNormalizer.titleKey(typed).isEmpty() ? List.of() : removedMatching(typed);
            if (removed.isEmpty()) {
                throw new CommandException(
                        "No paper matches “" + Echo.of(PaperCards.cut(typed, 80))
                                + "”. Give its id (shown when it was removed) or its title; the choices as you type list the removed papers.");
            }
            if (removed.size() > 1) {
                throw new CommandException("“" + Echo.of(PaperCards.cut(typed, 80)) + "” matches " + removed.size()
                        + (removed.size() < Choice.MAX ? "" : " or more") + " removed papers. Did you mean "
                        + PaperResolver.titles(removed)
                        + "? Pick one from the choices as you type, or type more of its title.");
            }
            return removed.get(0);
        }
    }

    /** Rebuilds the index from the store, reporting progress as it goes. */
    static final class Reindex implements AdminCommand {
        private final IndexSync sync;
        private final PaperIndex index;

        Reindex(IndexSync sync, PaperIndex index) {
            this.sync = sync;
            this.index = index;
        }

        @Override
        public String key() {
            return "admin reindex";
        }

        @Override
        public boolean changesLibrary() {
            return true;
        }

        @Override
        public boolean privateAnswer() {
            return true; // a report for the moderator who asked
        }

        @Override
        public boolean slow() {
            return true;
        }

        @Override
        public Reply handle(CommandRequest r) {
            AdminCommand.guild(r.caller());
            r.progress().accept("Rebuilding the search index from the store…");
            long start = System.nanoTime();
            sync.rebuild(n -> r.progress().accept(String.format(Locale.ROOT, "%,d papers indexed…", n)));
            double seconds = (System.nanoTime() - start) / 1e9;
            try {
                return Reply.text(String.format(
                        Locale.ROOT, "Rebuilt the search index: %,d papers in %.1f s.", index.count(), seconds));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
