package io.kubelite.objectstore.rest;

import jakarta.servlet.AsyncContext;

/** Ending a streamed response (a watch, a followed log) from the thread that wrote it. */
final class AsyncEnd {

    private AsyncEnd() {
    }

    /**
     * Completes the request unless the container already ended it: when the client's connection
     * fails, Tomcat runs {@code onError} and completes the request itself, after which
     * {@link AsyncContext#complete()} from another thread throws.
     */
    static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (IllegalStateException alreadyEndedByTheContainer) {
            // nothing left to end
        }
    }
}
