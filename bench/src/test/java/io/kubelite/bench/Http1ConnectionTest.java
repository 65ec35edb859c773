package io.kubelite.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The load generator's HTTP/1.1 client against the JDK's HTTP server on loopback. */
class Http1ConnectionTest {

    private HttpServer server;
    private URI base;
    /** What the server saw: method, path with query, Content-Type, Authorization, body, remote port. */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(body, StandardCharsets.UTF_8) + " " + exchange.getRemoteAddress().getPort());
            byte[] answer = "{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(409, 0); // length 0: the JDK server answers chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"reason\":".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("\"AlreadyExists\"}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/close", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheRequestAndReadsAContentLengthAnswerTwiceOnOneConnection() throws IOException {
        try (Http1Connection connection = new Http1Connection(base, null, 5_000)) {
            Http1Connection.Response first = connection.exchange("POST", "/fixed/cms?fieldValidation=Strict",
                    "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "Authorization: Bearer t0k");
            Http1Connection.Response second = connection.exchange("PATCH", "/fixed/cms/x",
                    "application/merge-patch+json", "{}".getBytes(StandardCharsets.UTF_8));

            assertThat(first.status()).isEqualTo(201);
            assertThat(first.bodyText()).isEqualTo("{\"kind\":\"ConfigMap\"}");
            assertThat(second.status()).isEqualTo(201);
            assertThat(connection.isOpen()).isTrue();
        }
        assertThat(seen).hasSize(2);
        String[] a = seen.get(0).split(" ");
        String[] b = seen.get(1).split(" ");
        assertThat(seen.get(0)).startsWith("POST /fixed/cms?fieldValidation=Strict application/json Bearer t0k {\"a\":1} ");
        assertThat(seen.get(1)).startsWith("PATCH /fixed/cms/x application/merge-patch+json null {} ");
        assertThat(b[b.length - 1]).as("the second request came over the same connection").isEqualTo(a[a.length - 1]);
    }

    @Test
    void readsAChunkedAnswer() throws IOException {
        try (Http1Connection connection = new Http1Connection(base, null, 5_000)) {
            Http1Connection.Response r = connection.exchange("POST", "/chunked", "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8));

            assertThat(r.status()).isEqualTo(409);
            assertThat(r.bodyText()).isEqualTo("{\"reason\":\"AlreadyExists\"}");
            assertThat(connection.isOpen()).isTrue();
            assertThat(connection.exchange("GET", "/fixed", null, null).status()).as("still usable").isEqualTo(201);
        }
    }

    @Test
    void aConnectionTheServerClosesIsNoLongerOpenAndFailsClearly() throws IOException {
        try (Http1Connection connection = new Http1Connection(base, null, 5_000)) {
            assertThat(connection.exchange("GET", "/close", null, null).status()).isEqualTo(204);
            assertThat(connection.isOpen()).isFalse();
            assertThatThrownBy(() -> connection.exchange("GET", "/fixed", null, null)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void anHttpsAddressNeedsATlsContext() {
        assertThatThrownBy(() -> new Http1Connection(URI.create("https://127.0.0.1:1"), null, 1_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS");
    }
}
