package dev.paperclub.command.admin;

import dev.paperclub.command.Attachment;
import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Echo;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.ingest.Arrivals;
import dev.paperclub.ingest.IngestException;
import dev.paperclub.ingest.IngestInput;
import dev.paperclub.ingest.IngestOptions;
import dev.paperclub.ingest.IngestReport;
import dev.paperclub.ingest.IngestService;
import dev.paperclub.ingest.Rejection;
import dev.paperclub.ingest.UrlFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /admin ingest}: a file attached to the command, or a URL, through the same format
 * detection and guards as the CLI, stored whole or not at all in bounded steps (members' votes
 * get in between); the ingest tells {@link Arrivals} of every paper it brought, with this server's id. An attachment is refused from
 * its declared size and content type before anything is downloaded; its download goes
 * through the guarded {@link UrlFetcher} like any URL. A console attachment is a local file.
 */
public final class IngestAdminCommand implements AdminCommand {
    private static final int LISTED_REJECTIONS = 10;
    /** Where its papers came from, as {@link Arrivals} is told. */
    static final String ORIGIN = "/admin ingest";

    private final IngestService ingest;
    private final UrlFetcher fetcher;

    public IngestAdminCommand(IngestService ingest, UrlFetcher fetcher) {
        this.ingest = ingest;
        this.fetcher = fetcher;
    }

    @Override
    public String key() {
        return "admin ingest";
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
    public boolean changesLibrary() {
        return true;
    }

    @Override
    public Reply handle(CommandRequest r) {
        AdminCommand.guild(r.caller());
        Attachment file = r.options().attachment("file").orElse(null);
        String url = r.options().string("url").orElse(null);
        if (file == null && url == null) throw new CommandException("Attach a `file` or give a `url` to ingest.");
        if (file != null && url != null) throw new CommandException("Give either `file` or `url`, not both.");
        boolean dryRun = r.options().bool("dry-run").orElse(false);
        IngestInput input;
        try {
            if (file != null) {
                input = attachment(file, r);
            } else {
                r.progress().accept("Downloading " + Echo.of(PaperCards.cut(url, 200)) + "…");
                input = fetcher.fetch(url);
            }
            r.progress().accept("Reading " + Echo.of(PaperCards.cut(input.name(), 200)) + "…");
            String guildId = r.caller().guildId();
            IngestReport report = ingest.ingest(
                    input,
                    new IngestOptions(dryRun, false, n -> r.progress()
                            .accept(String.format(Locale.ROOT, "%,d records read…", n))),
                    ORIGIN,
                    guildId);
            return render(report);
        } catch (IngestException e) {
            // a disk that filled up in the middle: its message says how much is stored and that the rest follows
            String head = e.partlyStored() ? "" : "Nothing was ingested. ";
            throw new CommandException(head + Echo.of(PaperCards.cut(e.getMessage(), 1500)));
        }
    }

    private IngestInput attachment(Attachment a, CommandRequest r) throws IngestException {
        String name = a.filename() == null || a.filename().isBlank() ? "attachment" : a.filename();
        if (a.size() > ingest.maxBytes()) {
            throw new IngestException(name + ": " + a.size() + " bytes is over the limit of " + ingest.maxBytes()
                    + " bytes (ingest.max-bytes); split the file or ask the operator to raise the limit.");
        }
        if (a.contentType() != null && !textual(a.contentType())) {
            throw new IngestException(
                    name + ": a " + a.contentType().split(";")[0].strip()
                            + " file is not text, JSON or XML; attach an HF page copy, HF API JSON, arXiv Atom or JSON Lines.");
        }
        if (a.local()) {
            Path path = Path.of(a.url());
            if (!Files.isRegularFile(path)) throw new IngestException(name + ": no such file.");
            IngestInput file = IngestInput.ofFile(path);
            return named(name, file);
        }
        r.progress().accept("Downloading " + Echo.of(PaperCards.cut(name, 200)) + "…");
        return named(name, fetcher.fetch(a.url()));
    }

    /** Octet-stream passes because platforms label .jsonl and .txt files that way; binary content is refused by detection. */
    static boolean textual(String contentType) {
        String mime = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return mime.startsWith("text/")
                || mime.equals("application/json")
                || mime.equals("application/xml")
                || mime.endsWith("+json")
                || mime.endsWith("+xml")
                || mime.contains("ndjson")
                || mime.contains("jsonl")
                || mime.contains("jsonlines")
                || mime.equals("application/octet-stream");
    }

    /** Reports name the file the member attached, not the CDN URL it was fetched from. */
    private static IngestInput named(String name, IngestInput in) {
        return new IngestInput() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long size() {
                return in.size();
            }

            @Override
            public InputStream open() throws IOException {
                return in.open();
            }

            @Override
            public boolean fromNetwork() {
                return in.fromNetwork();
            }
        };
    }

    /**
     * The summary line ("…: 3 added, 1 updated, …" with the detected format) once, and a card only
     * for what it does not say: the rejected records and the new ids. Counts repeated in a card
     * under the line that already gives them read as a second report.
     */
    static Reply render(IngestReport report) {
        List<Field> fields = new ArrayList<>();
        if (!report.rejections().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (Rejection rej : report.rejections()
                    .subList(0, Math.min(LISTED_REJECTIONS, report.rejections().size()))) {
                b.append("• ").append(rej).append('\n');
            }
            if (report.rejected() > LISTED_REJECTIONS)
                b.append("… and ").append(report.rejected() - LISTED_REJECTIONS).append(" more");
            fields.add(new Field("Rejected records", b.toString().strip(), false));
        }
        if (!report.dropped().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (Rejection d : report.dropped()
                    .subList(0, Math.min(LISTED_REJECTIONS, report.dropped().size()))) {
                b.append("• ").append(d).append('\n');
            }
            if (report.dropped().size() > LISTED_REJECTIONS)
                b.append("… and ")
                        .append(report.dropped().size() - LISTED_REJECTIONS)
                        .append(" more");
            fields.add(new Field("Kept without a link", b.toString().strip(), false));
        }
        if (!report.addedIds().isEmpty()) {
            List<String> ids =
                    report.addedIds().subList(0, Math.min(15, report.addedIds().size()));
            fields.add(new Field(
                    report.dryRun() ? "Would add" : "New ids",
                    String.join(", ", ids) + (report.added() > ids.size() ? ", …" : ""),
                    false));
        }
        Reply.Builder reply = Reply.builder()
                .content(report.summaryLine()
                        + (report.dryRun()
                                ? "\nDry run — nothing stored; run again without dry-run to store it."
                                : ""));
        if (!fields.isEmpty()) reply.card(new Card(PaperCards.heading(report.source()), null, null, fields, null));
        return reply.build();
    }
}
