package dev.paperclub.util;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** A network failure in words for a user, wherever it sits in a chain of causes (URL ingest, reaching Discord). */
public final class NetworkErrors {
    private NetworkErrors() {}

    /** What went wrong, when {@code failure} or one of its causes is a failure to reach a server; empty otherwise. */
    public static Optional<String> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) return Optional.of("could not connect in time");
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                return Optional.of("the server did not answer in time");
            }
            if (t instanceof ConnectException) return Optional.of("connection refused");
            if (t instanceof UnknownHostException) return Optional.of("unknown host");
            if (t instanceof SSLException) return Optional.of("the secure (TLS) connection failed: " + t.getMessage());
        }
        return Optional.empty();
    }
}
