package dev.paperclub.summary;

/**
 * Thrown when a paper cannot be summarized; the message is written for the member who asked
 * and can be shown as is.
 */
public final class SummaryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SummaryException(String userMessage) {
        super(userMessage);
    }

    public SummaryException(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
