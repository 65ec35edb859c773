package io.kubelite.objectstore.rest;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;

/** Streamed responses (a watch, a followed log) written by a thread of their own, and their end. */
final class AsyncEnd {

    private AsyncEnd() {
    }

    /**
     * Hands the response to another thread, for as long as the stream lasts. When the client's
     * connection fails, the request ends there: without a listener that completes it, Tomcat
     * would dispatch it to the error page, which cannot write its JSON into a response already
     * committed as a log's {@code text/plain} and logs an internal error for a client that left.
     */
    static AsyncContext start(HttpServletRequest request) {
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        async.addListener(new AsyncListener() {
            @Override
            public void onError(AsyncEvent event) {
                complete(event.getAsyncContext());
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onTimeout(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        return async;
    }

    /**
     * Completes the request unless it already ended: once the container ran {@code onError}, a
     * {@link AsyncContext#complete()} from the writing thread throws.
     */
    static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (IllegalStateException alreadyEnded) {
            // nothing left to end
        }
    }
}
