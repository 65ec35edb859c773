package io.kubelite.machinery.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRelayTest {

    @Test
    void hopByHopHeadersAndThoseTheJdkClientRefusesStay() {
        assertThat(List.of("Connection", "Transfer-Encoding", "Host", "Content-Length", "Upgrade", "Referer", "Date",
                ":status")).noneMatch(HttpRelay::forwarded);
        assertThat(List.of("Accept", "Content-Type", "X-Custom", "Cookie")).allMatch(HttpRelay::forwarded);
    }

    @Test
    void copiesWhatGoesOnAndWhatTheCallerKeeps() {
        HttpRequest.Builder next = HttpRequest.newBuilder(URI.create("http://127.0.0.1/"));
        Map<String, List<String>> headers = Map.of("Accept", List.of("a", "b"), "Connection", List.of("close"),
                "Authorization", List.of("Bearer t"));
        HttpRelay.copyHeaders(List.copyOf(headers.keySet()), headers::get, h -> !h.equalsIgnoreCase("authorization"), next);
        assertThat(next.build().headers().map()).containsOnlyKeys("Accept").containsEntry("Accept", List.of("a", "b"));
    }

    @Test
    void aBodyKeepsItsLengthOrComesChunkedOrIsNone() {
        HttpRelay.BodySource source = () -> new ByteArrayInputStream(new byte[5]);
        assertThat(HttpRelay.body(5, false, source).contentLength()).isEqualTo(5);
        assertThat(HttpRelay.body(-1, true, source).contentLength()).as("unknown: chunked").isEqualTo(-1);
        assertThat(HttpRelay.body(-1, false, source).contentLength()).as("no body").isZero();
        assertThat(HttpRelay.body(0, false, source).contentLength()).isZero();
    }
}
