package io.kubelite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class StreamHeadersFilterTest {

    @ParameterizedTest(name = "{0} streams: {1}")
    @CsvSource({
            "/api/v1/namespaces/default/pods?watch=true, true",
            "/api/v1/namespaces/default/pods?watch=1, true",
            "/api/v1/pods?labelSelector=a%3Db&watch=true&resourceVersion=5, true",
            "/api/v1/watch/namespaces/default/pods, true",
            "/apis/apps/v1/watch/deployments, true",
            "/api/v1/namespaces/default/pods/web/log?follow=true, true",
            "/api/v1/namespaces/default/pods/web/log?follow=1&container=c, true",
            "/api/v1/namespaces/default/pods?watch=false, false",
            "/api/v1/namespaces/default/pods?watch=0, false",
            "/api/v1/namespaces/default/pods, false",
            "/api/v1/namespaces/default/pods/web/log, false",
            "/api/v1/namespaces/default/pods/web/log?follow=false, false",
            "/api/v1/namespaces/default/pods/web?follow=true, false",
            "/apis/apps/v1/namespaces/default/deployments/watch, false",
            "/apis/apps/v1/namespaces/watch/deployments, false",
            "/api/v1/namespaces/watch/pods, false",
    })
    void streamsWatchesAndFollowedLogs(String uri, boolean streams) {
        assertThat(StreamHeadersFilter.streams(MockServerHttpRequest.get(uri).build())).isEqualTo(streams);
    }
}
