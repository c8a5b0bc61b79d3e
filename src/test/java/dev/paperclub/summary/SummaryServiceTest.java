package dev.paperclub.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class SummaryServiceTest {

    private final SummaryService service = new SummaryService(new Summarizer());

    @Test
    void cachesByIdAndContent() {
        Summary a = service.summarize("p1", "T", "We propose X. It works well.");
        Summary b = service.summarize("p1", "T", "We propose X. It works well.");
        assertSame(a, b);
        assertEquals(1, service.stats().hitCount());
        assertEquals(1, service.stats().missCount());
        service.summarize("p1", "T", "We propose Y. It works better.");
        assertEquals(2, service.stats().missCount(), "edited abstract must be summarized again");
        service.summarize("p2", "T", "We propose X. It works well.");
        assertEquals(3, service.stats().missCount());
    }

    @Test
    void failuresPropagateAndAreNotCached() {
        assertThrows(SummaryException.class, () -> service.summarize("p", "T", ""));
        assertThrows(SummaryException.class, () -> service.summarize("p", "T", ""));
        assertEquals(0, service.stats().hitCount());
    }
}
