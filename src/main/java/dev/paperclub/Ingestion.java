package dev.paperclub;

import dev.paperclub.ingest.IngestException;
import dev.paperclub.ingest.IngestInput;
import dev.paperclub.ingest.IngestService;
import dev.paperclub.ingest.UrlFetcher;

/**
 * What the {@code ingest} verb and the console's sample corpus store papers with: the ingest
 * service, and the fetcher that downloads an input given as a URL. {@link App#ingestion()} hands it out.
 */
public final class Ingestion {
    private final IngestService service;
    private final UrlFetcher urls;

    Ingestion(IngestService service, UrlFetcher urls) {
        this.service = service;
        this.urls = urls;
    }

    /** Stores inputs one after another while the search index takes the previous one. */
    public IngestService.Pipeline pipeline() {
        return service.pipeline();
    }

    /** Downloads the input at {@code url}, within the configured limits. */
    public IngestInput fetch(String url) throws IngestException {
        return urls.fetch(url);
    }

    /** The ingest service itself, for what stores papers directly (the sample corpus). */
    public IngestService service() {
        return service;
    }
}
