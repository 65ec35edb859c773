package io.kubelite.dns.endpoints;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Lister;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointsReconcilerTest {

    /** A lister over a fixed list. */
    record ListLister<T extends HasMetadata>(List<T> items) implements Lister<T> {
        @Override
        public Optional<T> get(ObjectKey key) {
            return items.stream().filter(i -> i.getMetadata().getName().equals(key.name())
                    && key.namespace().equals(i.getMetadata().getNamespace())).findFirst();
        }

        @Override
        public List<T> list() {
            return items;
        }

        @Override
        public List<T> list(String namespace) {
            return items.stream().filter(i -> namespace.equals(i.getMetadata().getNamespace())).toList();
        }

        @Override
        public List<T> byIndex(String indexName, String value) {
            throw new UnsupportedOperationException();
        }
    }

    static final class RecordingWriter implements EndpointsWriter {
        final List<String> calls = new ArrayList<>();
        Endpoints last;

        @Override
        public void create(Endpoints endpoints) {
            calls.add("create " + endpoints.getMetadata().getName());
            last = endpoints;
        }

        @Override
        public void update(Endpoints endpoints) {
            calls.add("update " + endpoints.getMetadata().getName());
            last = endpoints;
        }

        @Override
        public void delete(ObjectKey key) {
            calls.add("delete " + key);
        }
    }

    private final RecordingWriter writer = new RecordingWriter();
    private final Service web = EndpointsForTest.service(Map.of("app", "web"), new IntOrString(8080), "TCP");
    private final Pod ready = EndpointsForTest.pod("a", "10.0.0.2", true, "Running", Map.of("app", "web"));

    private EndpointsReconciler reconciler(List<Service> services, List<Pod> pods, List<Endpoints> endpoints) {
        return new EndpointsReconciler(new ListLister<>(services), new ListLister<>(pods), new ListLister<>(endpoints), writer);
    }

    @Test
    void createsTheEndpointsOfANewService() {
        reconciler(List.of(web), List.of(ready), List.of()).reconcile(ObjectKey.of("default", "web"));

        assertThat(writer.calls).containsExactly("create web");
        assertThat(writer.last.getSubsets().get(0).getAddresses()).extracting(a -> a.getIp()).containsExactly("10.0.0.2");
    }

    @Test
    void leavesEndpointsThatAlreadyMatchAlone() {
        reconciler(List.of(web), List.of(ready), List.of()).reconcile(ObjectKey.of("default", "web"));
        Endpoints written = new EndpointsBuilder(writer.last).editMetadata().withResourceVersion("7").endMetadata().build();
        writer.calls.clear();

        reconciler(List.of(web), List.of(ready), List.of(written)).reconcile(ObjectKey.of("default", "web"));

        assertThat(writer.calls).isEmpty();
    }

    @Test
    void updatesWhenAPodStopsBeingReadyKeepingTheResourceVersion() {
        reconciler(List.of(web), List.of(ready), List.of()).reconcile(ObjectKey.of("default", "web"));
        Endpoints written = new EndpointsBuilder(writer.last).editMetadata().withResourceVersion("7").endMetadata().build();
        Pod notReady = EndpointsForTest.pod("a", "10.0.0.2", false, "Running", Map.of("app", "web"));

        reconciler(List.of(web), List.of(notReady), List.of(written)).reconcile(ObjectKey.of("default", "web"));

        assertThat(writer.calls).containsExactly("create web", "update web");
        assertThat(writer.last.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(writer.last.getSubsets().get(0).getNotReadyAddresses()).extracting(a -> a.getIp()).containsExactly("10.0.0.2");
    }

    @Test
    void deletesTheEndpointsOfADeletedService() {
        Endpoints orphan = new EndpointsBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata().build();

        reconciler(List.of(), List.of(ready), List.of(orphan)).reconcile(ObjectKey.of("default", "web"));

        assertThat(writer.calls).containsExactly("delete default/web");
    }

    @Test
    void leavesTheEndpointsOfAServiceWithoutSelectorToItsUsers() {
        Service external = new ServiceBuilder(web).editSpec().withSelector(null).endSpec().build();
        Endpoints manual = new EndpointsBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata().build();

        reconciler(List.of(external), List.of(ready), List.of(manual)).reconcile(ObjectKey.of("default", "web"));

        assertThat(writer.calls).isEmpty();
    }

    @Test
    void headlessServicesAreLabelledSo() {
        Service headless = new ServiceBuilder(web).editSpec().withClusterIP("None").endSpec().build();

        reconciler(List.of(headless), List.of(ready), List.of()).reconcile(ObjectKey.of("default", "web"));

        assertThat(writer.last.getMetadata().getLabels()).containsKey(EndpointsReconciler.HEADLESS_LABEL);
    }
}
