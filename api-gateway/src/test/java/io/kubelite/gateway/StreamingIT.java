package io.kubelite.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class StreamingIT extends GatewayTestSupport {

    @Test
    void watchEventsReachTheClientOneLineAtATime() throws Exception {
        BACKEND.armStream();
        HttpResponse<InputStream> response = http.send(
                authorized("/api/v1/namespaces/default/pods?watch=true").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);

        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(lines));
            // The backend holds the second event until released, so the first can only arrive
            // here if the gateway passed it on without waiting for more.
            await().atMost(Duration.ofSeconds(5)).until(first::isDone);
            assertThat(first.join()).isEqualTo(FakeBackend.FIRST_EVENT);
            assertThat(BACKEND.secondEventWritten).isFalse();

            BACKEND.releaseSecondEvent();
            assertThat(lines.readLine()).isEqualTo(FakeBackend.SECOND_EVENT);
            assertThat(lines.readLine()).as("stream ends when the backend ends it").isNull();
        }
    }

    @Test
    void aWatchWithoutEventsAnswersWithItsHeadersAtOnce() throws Exception {
        BACKEND.armStream();
        CompletableFuture<HttpResponse<InputStream>> answered = http.sendAsync(
                authorized("/api/v1/namespaces/default/pods?watch=1").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        // The backend has sent its headers and holds the stream's only event until released.
        await().atMost(Duration.ofSeconds(5)).until(answered::isDone);
        assertThat(BACKEND.secondEventWritten).isFalse();
        HttpResponse<InputStream> response = answered.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");

        BACKEND.releaseSecondEvent();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo(FakeBackend.FIRST_EVENT);
            assertThat(lines.readLine()).as("stream ends when the backend ends it").isNull();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
