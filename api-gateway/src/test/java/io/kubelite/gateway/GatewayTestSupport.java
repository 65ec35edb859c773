package io.kubelite.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on a random port in front of a {@link FakeBackend} as object-store-service, with
 * autoscaler-service pointing at a closed port. All subclasses share one application context.
 */
// The event loops are sized before the context exists, so they take a property of the test's
// environment rather than of the context (@DynamicPropertySource).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kubelite.gateway.event-loop-threads=" + GatewayTestSupport.EVENT_LOOPS)
abstract class GatewayTestSupport {

    static final String ALICE_TOKEN = "alice-token-8d0c1f";
    static final FakeBackend BACKEND = FakeBackend.start();
    static final Path TOKENS = writeTokens();
    static final String FRONT_PROXY_TOKEN = "front-proxy-4c1d";
    static final Path FRONT_PROXY_TOKEN_FILE = writeFile("front-proxy", FRONT_PROXY_TOKEN + "\n");
    static final int CLOSED_PORT = closedPort();
    /** Neither Reactor Netty's default (at least four) nor one per core on a two-core machine. */
    static final int EVENT_LOOPS = 3;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("kubelite.gateway.object-store-uri", () -> BACKEND.uri().toString());
        registry.add("kubelite.gateway.autoscaler-uri", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("kubelite.gateway.tokens-file", TOKENS::toString);
        registry.add("kubelite.front-proxy.token-file", FRONT_PROXY_TOKEN_FILE::toString);
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(20));
    }

    HttpRequest.Builder authorized(String pathAndQuery) {
        return request(pathAndQuery).header("Authorization", "Bearer " + ALICE_TOKEN);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path writeTokens() {
        return writeFile("tokens.csv", """
                # token,user,uid,groups
                %s,alice,1000,"dev,ops"
                """.formatted(ALICE_TOKEN));
    }

    private static Path writeFile(String name, String content) {
        try {
            Path dir = Files.createTempDirectory("kubelite-gateway-it");
            dir.toFile().deleteOnExit();
            Path file = Files.writeString(dir.resolve(name), content);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port nothing listens on: bound once, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
