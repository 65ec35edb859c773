package io.kubelite.dns.endpoints;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubelite.controller.ObjectKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointSliceReconcilerTest {

    static final ObjectKey KEY = ObjectKey.of("default", "web");

    final List<String> calls = new ArrayList<>();
    final List<EndpointSlice> written = new ArrayList<>();
    final EndpointSliceWriter writer = new EndpointSliceWriter() {
        @Override
        public void create(EndpointSlice slice) {
            calls.add("create " + slice.getMetadata().getName());
            written.add(slice);
        }

        @Override
        public void update(EndpointSlice slice) {
            calls.add("update " + slice.getMetadata().getName());
            written.add(slice);
        }

        @Override
        public void delete(EndpointSlice slice) {
            calls.add("delete " + slice.getMetadata().getName());
        }
    };
    final Service web = new ServiceBuilder(EndpointsForTest.service(Map.of("app", "web"), new IntOrString("http"), "TCP"))
            .editMetadata().withUid("svc-uid").addToLabels("tier", "front").endMetadata().build();
    final Pod ready = EndpointsForTest.pod("a", "10.0.0.2", true, "Running", Map.of("app", "web"));
    final Pod starting = EndpointsForTest.pod("b", "10.0.0.3", false, "Running", Map.of("app", "web"));

    void reconcile(List<Service> services, List<Pod> pods, List<EndpointSlice> slices) {
        reconcile(services, pods, List.of(), slices);
    }

    void reconcile(List<Service> services, List<Pod> pods, List<Endpoints> endpoints, List<EndpointSlice> slices) {
        new EndpointSliceReconciler(new EndpointsReconcilerTest.ListLister<>(services),
                new EndpointsReconcilerTest.ListLister<>(pods), new EndpointsReconcilerTest.ListLister<>(endpoints),
                new EndpointsReconcilerTest.ListLister<>(slices), writer).reconcile(KEY);
    }

    @Test
    void theEndpointsOfAServiceWithoutSelectorAreMirrored() {
        Service manual = new ServiceBuilder(web).editSpec().withSelector(null).endSpec().build();
        Endpoints written = new EndpointsBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .addNewSubset().addNewAddress().withIp("192.168.1.5").endAddress()
                .addNewPort().withName("web").withPort(5432).withProtocol("TCP").endPort().endSubset().build();

        reconcile(List.of(manual), List.of(), List.of(written), List.of());

        assertThat(written().getMetadata().getLabels())
                .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslicemirroring-controller.k8s.io");
        assertThat(written().getEndpoints()).singleElement()
                .satisfies(e -> assertThat(e.getAddresses()).containsExactly("192.168.1.5"));
        assertThat(written().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(5432));

        calls.clear();
        Endpoints skipped = new EndpointsBuilder(written).editMetadata()
                .addToLabels("endpointslice.kubernetes.io/skip-mirror", "true").endMetadata().build();
        reconcile(List.of(manual), List.of(), List.of(skipped), List.of(written()));
        assertThat(calls).containsExactly("delete " + written().getMetadata().getName());
    }

    EndpointSlice written() {
        return written.get(written.size() - 1);
    }

    @Test
    void aServicesPodsBecomeOneSliceOfItsResolvedPortsOwnedByTheService() {
        reconcile(List.of(web), List.of(starting, ready), List.of());

        assertThat(calls).singleElement().asString().matches("create web-[0-9a-f]{5}");
        EndpointSlice slice = written.get(0);
        assertThat(slice.getAddressType()).isEqualTo("IPv4");
        assertThat(slice.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "web")
                .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
                .containsEntry("tier", "front");
        assertThat(slice.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getKind() + "/" + r.getUid() + " " + r.getController()).isEqualTo("Service/svc-uid true"));
        assertThat(slice.getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getName() + " " + p.getPort() + "/" + p.getProtocol()).isEqualTo("web 8080/TCP"));
        assertThat(slice.getEndpoints()).extracting(e -> e.getAddresses().get(0) + " ready=" + e.getConditions().getReady()
                + " " + e.getTargetRef().getName() + "@" + e.getNodeName())
                .containsExactly("10.0.0.2 ready=true a@node-1", "10.0.0.3 ready=false b@node-1");
    }

    @Test
    void anUnchangedSliceIsLeftAloneAndAChangedOneUpdatedInPlace() {
        reconcile(List.of(web), List.of(ready), List.of());
        EndpointSlice stored = new EndpointSliceBuilder(written.get(0)).editMetadata().withResourceVersion("7").endMetadata().build();
        calls.clear();

        reconcile(List.of(web), List.of(ready), List.of(stored));
        assertThat(calls).isEmpty();

        reconcile(List.of(web), List.of(ready, starting), List.of(stored));
        assertThat(calls).containsExactly("update " + stored.getMetadata().getName());
        assertThat(written.get(written.size() - 1).getEndpoints()).hasSize(2);
    }

    @Test
    void aServiceSelectingNothingKeepsOneEmptySliceAndAGoneServiceNone() {
        reconcile(List.of(web), List.of(), List.of());
        assertThat(written.get(0).getEndpoints()).isEmpty();
        assertThat(written.get(0).getPorts()).isEmpty();
        EndpointSlice stored = written.get(0);
        calls.clear();

        reconcile(List.of(), List.of(), List.of(stored));

        assertThat(calls).containsExactly("delete " + stored.getMetadata().getName());
    }

    @Test
    void moreThanAHundredEndpointsGoToASecondSlice() {
        List<Pod> pods = IntStream.range(0, 150).mapToObj(i -> EndpointsForTest.pod("p" + i, "10.1." + (i / 200) + "." + i, true,
                "Running", Map.of("app", "web"))).toList();

        reconcile(List.of(web), pods, List.of());

        assertThat(written).extracting(s -> s.getEndpoints().size()).containsExactly(100, 50);
        assertThat(written.get(0).getMetadata().getName()).isNotEqualTo(written.get(1).getMetadata().getName());
    }

    @Test
    void slicesOfOtherServicesOrManagersAreNotTouched() {
        EndpointSlice mine = new EndpointSliceBuilder().withNewMetadata().withName("web-zzzzz").withNamespace("default")
                .addToLabels("kubernetes.io/service-name", "web")
                .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io").endMetadata().build();
        EndpointSlice custom = new EndpointSliceBuilder().withNewMetadata().withName("web-custom").withNamespace("default")
                .addToLabels("kubernetes.io/service-name", "web").addToLabels("endpointslice.kubernetes.io/managed-by", "me")
                .endMetadata().build();

        reconcile(List.of(web), List.of(ready), List.of(mine, custom));

        assertThat(calls).hasSize(2).contains("delete web-zzzzz").noneMatch(c -> c.contains("web-custom"));
    }
}
