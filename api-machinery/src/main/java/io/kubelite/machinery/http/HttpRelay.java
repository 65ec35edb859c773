package io.kubelite.machinery.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * One hop of an HTTP relay with the JDK's client (the {@code pods/proxy} and {@code services/proxy}
 * path: API server → node agent → pod): which headers go on, the request body as it came, the
 * answer copied back.
 */
public final class HttpRelay {

    /**
     * Not passed on: hop-by-hop headers, and those the JDK client sets itself or refuses to send
     * (date, from, origin, referer, via, warning).
     */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "http2-settings", "date", "from", "origin", "referer", "via", "warning");

    /** Opens the stream the answer's body goes to, once its status and headers are set. */
    public interface BodySink {
        OutputStream open() throws IOException;
    }

    /** Opens the request body; called once, when the client sends it. */
    public interface BodySource {
        InputStream open() throws IOException;
    }

    private HttpRelay() {
    }

    /** Whether a request or response header goes on to the next hop. */
    public static boolean forwarded(String header) {
        return !NOT_FORWARDED.contains(header.toLowerCase(Locale.ROOT)) && !header.startsWith(":");
    }

    /** Adds the headers that go on (and that {@code alsoKept} keeps) to the next hop's request. */
    public static void copyHeaders(List<String> names, Function<String, List<String>> values, Predicate<String> alsoKept,
                                   HttpRequest.Builder next) {
        for (String name : names) {
            if (forwarded(name) && alsoKept.test(name)) {
                values.apply(name).forEach(v -> next.header(name, v));
            }
        }
    }

    /**
     * The request's body as it came: of its Content-Length when it has one (a server such as
     * busybox httpd reads no chunked bodies), streamed chunked when it came chunked, none otherwise.
     */
    public static HttpRequest.BodyPublisher body(long contentLength, boolean chunked, BodySource source) {
        if (contentLength == 0 || (contentLength < 0 && !chunked)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return source.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return contentLength > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, contentLength) : stream;
    }

    /** Copies the next hop's answer back: status, the headers that go on, the body as it streams. */
    public static void answer(HttpResponse<InputStream> from, IntConsumer status, BiConsumer<String, String> header,
                              BodySink body) throws IOException {
        status.accept(from.statusCode());
        from.headers().map().forEach((name, values) -> {
            if (forwarded(name)) {
                values.forEach(v -> header.accept(name, v));
            }
        });
        try (InputStream in = from.body()) {
            OutputStream out = body.open();
            in.transferTo(out);
            out.flush();
        }
    }
}
