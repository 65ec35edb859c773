package io.kubelite.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny API server on 127.0.0.1 that records what reaches it and answers a few fixed paths:
 * <ul>
 * <li>{@code .../pods/nope}: 404 with a NotFound Status;</li>
 * <li>{@code ?watch=true}: a chunked stream that writes the first event, flushes, and writes the
 * second only after {@link #releaseSecondEvent()};</li>
 * <li>{@code ?watch=1}: a chunked stream that sends its headers and writes its one event only
 * after {@link #releaseSecondEvent()}, like a watch of an empty collection;</li>
 * <li>anything else: 200 {@code {"kind":"Fake"}}.</li>
 * </ul>
 */
final class FakeBackend implements AutoCloseable {

    static final String NOT_FOUND_BODY = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"pods \\\"nope\\\" not found\",\"reason\":\"NotFound\","
            + "\"details\":{\"name\":\"nope\",\"kind\":\"pods\"},\"code\":404}";
    static final String FIRST_EVENT = "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\"}}}";
    static final String SECOND_EVENT = "{\"type\":\"DELETED\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\"}}}";

    record Recorded(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {

        List<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null ? List.of() : values;
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    private volatile CountDownLatch secondEventGate = new CountDownLatch(1);
    final AtomicBoolean secondEventWritten = new AtomicBoolean();

    private FakeBackend(HttpServer server) {
        this.server = server;
    }

    static FakeBackend start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeBackend backend = new FakeBackend(server);
            server.createContext("/", backend::handle);
            server.setExecutor(Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "fake-backend");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return backend;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next request that reached the backend, waiting up to 10 s for it. */
    Recorded nextRequest() throws InterruptedException {
        Recorded recorded = requests.poll(10, TimeUnit.SECONDS);
        if (recorded == null) {
            throw new AssertionError("no request reached the backend");
        }
        return recorded;
    }

    void clearRequests() {
        requests.clear();
    }

    void armStream() {
        secondEventGate = new CountDownLatch(1);
        secondEventWritten.set(false);
    }

    void releaseSecondEvent() {
        secondEventGate.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        URI uri = exchange.getRequestURI();
        requests.add(new Recorded(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                exchange.getRequestHeaders(), body));
        try (exchange) {
            if (uri.getRawPath().endsWith("/pods/nope")) {
                respond(exchange, 404, NOT_FOUND_BODY);
            } else if ("watch=true".equals(uri.getRawQuery())) {
                stream(exchange);
            } else if ("watch=1".equals(uri.getRawQuery())) {
                quietStream(exchange);
            } else {
                respond(exchange, 200, "{\"kind\":\"Fake\"}");
            }
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        stream(exchange, FIRST_EVENT, SECOND_EVENT);
    }

    private void quietStream(HttpExchange exchange) throws IOException {
        stream(exchange, null, FIRST_EVENT);
    }

    /** Sends the headers and {@code now} (if any), then {@code held} once released (or nothing after 10 s). */
    private void stream(HttpExchange exchange, String now, String held) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        if (now != null) {
            out.write((now + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
        try {
            if (!secondEventGate.await(10, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        secondEventWritten.set(true);
        out.write((held + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange exchange, int code, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
