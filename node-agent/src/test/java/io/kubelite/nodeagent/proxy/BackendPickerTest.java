package io.kubelite.nodeagent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.controller.time.ManualClock;
import io.kubelite.nodeagent.proxy.ProxyRules.Affinity;
import io.kubelite.nodeagent.proxy.ProxyRules.Backend;
import io.kubelite.nodeagent.proxy.ProxyRules.Route;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendPickerTest {

    static final Backend A = new Backend("172.17.0.5", 8080);
    static final Backend B = new Backend("172.17.0.6", 8080);
    static final Backend C = new Backend("172.17.0.7", 8080);

    @Test
    void withoutAffinityEachConnectionStartsAtTheNextBackendAndTriesEveryOne() {
        BackendPicker picker = new BackendPicker(new Route("default/webapp:80", List.of(A, B, C), Affinity.NONE), ManualClock.atEpochOfTests());
        assertThat(picker.order("10.0.0.1")).containsExactly(A, B, C);
        assertThat(picker.order("10.0.0.1")).containsExactly(B, C, A);
        assertThat(picker.order("10.0.0.2")).containsExactly(C, A, B);
        assertThat(picker.order("10.0.0.1")).containsExactly(A, B, C);
    }

    @Test
    void clientIpAffinitySendsAClientBackToItsBackendUntilItStaysAwayLongerThanTheTimeout() {
        ManualClock clock = ManualClock.atEpochOfTests();
        BackendPicker picker = new BackendPicker(new Route("default/webapp:80", List.of(A, B, C),
                new Affinity(true, Duration.ofSeconds(60))), clock);
        picker.order("10.0.0.9");
        picker.connected("10.0.0.1", B);
        clock.advance(Duration.ofSeconds(30));
        assertThat(picker.order("10.0.0.1")).first().isEqualTo(B);
        assertThat(picker.order("10.0.0.1")).first().isEqualTo(B);
        assertThat(picker.order("10.0.0.1")).hasSize(3).containsExactlyInAnyOrder(A, B, C);
        clock.advance(Duration.ofSeconds(61));
        assertThat(List.of(picker.order("10.0.0.1").get(0), picker.order("10.0.0.1").get(0), picker.order("10.0.0.1").get(0)))
                .as("after the timeout the client is balanced like any other").containsExactlyInAnyOrder(A, B, C);
    }

    @Test
    void aClientWhoseBackendLeftTheEndpointsGetsAnother() {
        BackendPicker picker = new BackendPicker(new Route("default/webapp:80", List.of(A, B),
                new Affinity(true, Duration.ofHours(3))), ManualClock.atEpochOfTests());
        picker.connected("10.0.0.1", B);
        picker.update(new Route("default/webapp:80", List.of(A, C), new Affinity(true, Duration.ofHours(3))));
        assertThat(picker.order("10.0.0.1")).containsExactlyInAnyOrder(A, C);
    }

    @Test
    void aServiceWithoutBackendsHasNothingToTry() {
        BackendPicker picker = new BackendPicker(new Route("default/webapp:80", List.of(), Affinity.NONE), ManualClock.atEpochOfTests());
        assertThat(picker.order("10.0.0.1")).isEmpty();
    }
}
