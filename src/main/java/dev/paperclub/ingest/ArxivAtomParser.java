package dev.paperclub.ingest;

import dev.paperclub.paper.PaperIds;
import dev.paperclub.paper.PaperRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * arXiv API Atom feeds, current and classic style: one record per {@code <entry>}, the
 * versionless id from {@code <id>}, wrapped titles and abstracts unwrapped, LaTeX kept.
 * StAX keeps line numbers for reports and never resolves DTDs or external entities.
 */
final class ArxivAtomParser implements FormatParser {
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private final XMLInputFactory factory;

    ArxivAtomParser() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    @Override
    public void parse(BufferedReader in, ParseContext ctx, RecordSink sink) throws IngestException, IOException {
        XMLStreamReader x = null;
        try {
            x = factory.createXMLStreamReader(in);
            while (x.hasNext() && x.next() != XMLStreamConstants.START_ELEMENT) {
                // skip the prolog
            }
            if (!x.isStartElement() || !"feed".equals(x.getLocalName())) {
                throw new IngestException(
                        ctx.sourceName() + ": XML, but not an Atom feed (expected a <feed> root element)");
            }
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT && "entry".equals(x.getLocalName())) {
                    entry(x, sink);
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw new IngestException(
                    ctx.sourceName() + ": not well-formed Atom XML" + (line > 0 ? " at line " + line : "")
                            + " (truncated or damaged file?): " + firstLine(e.getMessage()),
                    e);
        } finally {
            if (x != null) {
                try {
                    x.close();
                } catch (XMLStreamException ignored) {
                    // closing a broken stream has nothing left to report
                }
            }
        }
    }

    private static void entry(XMLStreamReader x, RecordSink sink) throws XMLStreamException, IngestException {
        int line = x.getLocation().getLineNumber();
        String id = null;
        String title = null;
        String summary = null;
        String published = null;
        String url = null;
        List<String> authors = new ArrayList<>();
        int depth = 1;
        while (depth > 0 && x.hasNext()) {
            int ev = x.next();
            if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
                continue;
            }
            if (ev != XMLStreamConstants.START_ELEMENT) continue;
            String name = x.getLocalName();
            boolean atom = ATOM.equals(x.getNamespaceURI())
                    || x.getNamespaceURI() == null
                    || x.getNamespaceURI().isEmpty();
            if (atom && name.equals("author")) {
                // <author><name>…</name><arxiv:affiliation/>…</author>
                int d = 1;
                while (d > 0 && x.hasNext()) {
                    int e2 = x.next();
                    if (e2 == XMLStreamConstants.START_ELEMENT) {
                        if ("name".equals(x.getLocalName())) {
                            authors.add(x.getElementText());
                        } else {
                            skip(x);
                        }
                    } else if (e2 == XMLStreamConstants.END_ELEMENT) {
                        d--;
                    }
                }
                continue;
            }
            if (atom && name.equals("link")) {
                String rel = x.getAttributeValue(null, "rel");
                String type = x.getAttributeValue(null, "type");
                String href = x.getAttributeValue(null, "href");
                if (url == null && href != null && ("alternate".equals(rel) || "text/html".equals(type))) url = href;
                skip(x);
                continue;
            }
            if (atom
                    && (name.equals("id")
                            || name.equals("title")
                            || name.equals("summary")
                            || name.equals("published"))) {
                String text = x.getElementText();
                switch (name) {
                    case "id" -> id = text;
                    case "title" -> title = text;
                    case "summary" -> summary = text;
                    default -> published = text;
                }
                continue;
            }
            skip(x);
        }
        if (title == null || title.isBlank()) {
            sink.reject(line, "entry has no title");
            return;
        }
        if (summary == null || summary.isBlank()) {
            sink.reject(line, "entry '" + HfPageParser.shorten(title.strip()) + "' has no abstract");
            return;
        }
        String arxiv = PaperIds.arxiv(id).orElse(null);
        if (arxiv != null) url = "https://arxiv.org/abs/" + arxiv;
        LocalDate date = Dates.isoDate(published).orElse(null);
        sink.accept(new PaperRecord(
                null,
                arxiv,
                title,
                summary,
                authors,
                null,
                null,
                date,
                null,
                url,
                List.of(InputFormat.ARXIV_ATOM.sourceTag()),
                line));
    }

    private static void skip(XMLStreamReader x) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && x.hasNext()) {
            int ev = x.next();
            if (ev == XMLStreamConstants.START_ELEMENT) depth++;
            else if (ev == XMLStreamConstants.END_ELEMENT) depth--;
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String msg = nl >= 0 ? s.substring(nl + 1) : s;
        return msg.strip();
    }
}
