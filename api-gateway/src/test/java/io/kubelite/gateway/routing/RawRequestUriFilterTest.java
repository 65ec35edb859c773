package io.kubelite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RawRequestUriFilterTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(value = {
            "/api/v1/pods|http://127.0.0.1:18081/api/v1/pods",
            "/api/v1/pods?labelSelector=name%20in%20(a%2Cb)|http://127.0.0.1:18081/api/v1/pods?labelSelector=name%20in%20(a%2Cb)",
            "/api/v1/events?fieldSelector=involvedObject.name=x&limit=500|http://127.0.0.1:18081/api/v1/events?fieldSelector=involvedObject.name=x&limit=500",
            "/api/v1/events?fieldSelector=involvedObject.name%3Dx|http://127.0.0.1:18081/api/v1/events?fieldSelector=involvedObject.name%3Dx",
            "/api/v1/namespaces/a%2Fb/pods?x=1+2|http://127.0.0.1:18081/api/v1/namespaces/a%2Fb/pods?x=1+2",
    }, delimiter = '|')
    void keepsPathAndQueryExactlyAsSent(String sent, String expected) {
        URI incoming = URI.create("http://localhost:6443" + sent);

        assertThat(RawRequestUriFilter.backendUri(URI.create("http://127.0.0.1:18081"), incoming))
                .hasToString(expected);
    }
}
