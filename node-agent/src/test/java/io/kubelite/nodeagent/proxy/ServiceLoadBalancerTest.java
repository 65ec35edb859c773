package io.kubelite.nodeagent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubelite.controller.events.RecordingEventRecorder;
import io.kubelite.nodeagent.proxy.ProxyRules.Listen;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ServiceLoadBalancerTest {

    /** What the API holds: each Service's ingress IPs. */
    final Map<String, List<String>> stored = new HashMap<>();
    /** Every write, as namespace/name=the IPs written. */
    final List<String> writes = new ArrayList<>();
    final RecordingEventRecorder events = new RecordingEventRecorder();
    final ServiceLoadBalancer balancer = new ServiceLoadBalancer("127.0.0.1", this::update, events);

    void update(Service service, UnaryOperator<List<String>> change) {
        String key = LoadBalancers.key(service);
        List<String> before = stored.getOrDefault(key, List.of());
        List<String> after = change.apply(before);
        if (!after.equals(before)) {
            stored.put(key, after);
            writes.add(key + "=" + after);
        }
    }

    static Service withIngress(Service service, String ip) {
        return new ServiceBuilder(service).withNewStatus().withNewLoadBalancer().addNewIngress().withIp(ip).endIngress()
                .endLoadBalancer().endStatus().build();
    }

    @Test
    void aNewLoadBalancerServiceGetsItsAddressWithKubesEvents() {
        Service web = LoadBalancersTest.service("web", "LoadBalancer", "2026-11-27T10:00:00Z", 8080, 31000, "TCP");
        balancer.sync(List.of(web), LoadBalancersTest.ALL_FREE);
        assertThat(writes).containsExactly("default/web=[127.0.0.1]");
        assertThat(events.reasons()).containsExactly("EnsuringLoadBalancer", "EnsuredLoadBalancer");

        balancer.sync(List.of(withIngress(web, "127.0.0.1")), LoadBalancersTest.ALL_FREE);
        assertThat(writes).as("nothing to do once the status says so").hasSize(1);
    }

    @Test
    void aPendingServiceIsReportedOncePerReasonAndLosesAnAddressItHeld() {
        stored.put("default/web", List.of("127.0.0.1"));
        Service web = withIngress(LoadBalancersTest.service("web", "LoadBalancer", "2026-11-27T10:00:00Z", 80, 31000, "TCP"),
                "127.0.0.1");
        Function<Listen, String> taken = listen -> "is in use by another program";
        balancer.sync(List.of(web), taken);
        balancer.sync(List.of(LoadBalancersTest.service("web", "LoadBalancer", "2026-11-27T10:00:00Z", 80, 31000, "TCP")),
                taken);
        assertThat(writes).containsExactly("default/web=[]");
        assertThat(events.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("Warning");
            assertThat(e.reason()).isEqualTo("SyncLoadBalancerFailed");
            assertThat(e.message()).isEqualTo("Error syncing load balancer: failed to ensure load balancer: "
                    + "port 80/TCP on 127.0.0.1 is in use by another program");
        });

        balancer.sync(List.of(LoadBalancersTest.service("web", "LoadBalancer", "2026-11-27T10:00:00Z", 80, 31000, "TCP")),
                LoadBalancersTest.ALL_FREE);
        assertThat(writes).containsExactly("default/web=[]", "default/web=[127.0.0.1]");
    }

    @Test
    void aServiceThatIsNoLongerALoadBalancerGivesItsAddressBack() {
        stored.put("default/web", List.of("127.0.0.1"));
        stored.put("default/elsewhere", List.of("203.0.113.7"));
        Service wasBalanced = withIngress(LoadBalancersTest.service("web", "ClusterIP", "2026-11-27T10:00:00Z", 80, 0, "TCP"),
                "127.0.0.1");
        Service otherBalancers = withIngress(LoadBalancersTest.service("elsewhere", "ClusterIP", "2026-11-27T10:00:00Z", 80, 0,
                "TCP"), "203.0.113.7");
        balancer.sync(List.of(wasBalanced, otherBalancers), LoadBalancersTest.ALL_FREE);
        assertThat(writes).containsExactly("default/web=[]");
        assertThat(events.reasons()).containsExactly("DeletingLoadBalancer", "DeletedLoadBalancer");
    }

    @Test
    void aFailedWriteIsTriedAgainOnTheNextPass() {
        List<String> attempts = new ArrayList<>();
        ServiceLoadBalancer flaky = new ServiceLoadBalancer("127.0.0.1", (service, change) -> {
            attempts.add(String.valueOf(change.apply(List.of())));
            if (attempts.size() == 1) {
                throw new io.fabric8.kubernetes.client.KubernetesClientException("connection refused");
            }
        }, events);
        Service web = LoadBalancersTest.service("web", "LoadBalancer", "2026-11-27T10:00:00Z", 8080, 31000, "TCP");
        flaky.sync(List.of(web), LoadBalancersTest.ALL_FREE);
        flaky.sync(List.of(web), LoadBalancersTest.ALL_FREE);
        assertThat(attempts).containsExactly("[127.0.0.1]", "[127.0.0.1]");
        assertThat(events.reasons()).containsExactly("EnsuringLoadBalancer", "EnsuringLoadBalancer", "EnsuredLoadBalancer");
    }

    @Test
    void anotherAgentsAddressIsKeptBesideThisOnesAndLeftWhenThisOneGivesItsOwnBack() {
        stored.put("default/web", List.of("10.0.0.7"));
        Service web = withIngress(LoadBalancersTest.service("web", "LoadBalancer", "2026-11-27T10:00:00Z", 8080, 31000, "TCP"),
                "10.0.0.7");
        balancer.sync(List.of(web), LoadBalancersTest.ALL_FREE);
        assertThat(stored.get("default/web")).containsExactly("10.0.0.7", "127.0.0.1");

        Service both = new ServiceBuilder(web).editStatus().editLoadBalancer().addNewIngress().withIp("127.0.0.1").endIngress()
                .endLoadBalancer().endStatus().build();
        balancer.sync(List.of(both), listen -> "is in use by another program");
        assertThat(stored.get("default/web")).containsExactly("10.0.0.7");
    }
}
