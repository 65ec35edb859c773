package io.kubelite.replication.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ControllerHistoryTest {

    static ControllerHistory.Owner ds(Integer historyLimit) {
        DaemonSet ds = new DaemonSetBuilder().withNewMetadata().withNamespace("default").withName("logger").withUid("ds-uid")
                .addToAnnotations("kubernetes.io/change-cause", "kubectl set image").endMetadata()
                .withNewSpec().withRevisionHistoryLimit(historyLimit)
                .withNewSelector().addToMatchLabels("app", "logger").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "logger").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .endTemplate().endSpec().build();
        return new ControllerHistory.Owner("DaemonSet", ds.getMetadata(), ds.getSpec().getTemplate(), historyLimit, true);
    }

    static ControllerRevision revision(String hash, long number) {
        return new ControllerRevisionBuilder().withNewMetadata().withNamespace("default").withName("logger-" + hash)
                .addToLabels(ControllerHistory.REVISION_LABEL, hash).endMetadata()
                .withData(Map.of()).withRevision(number).build();
    }

    @Test
    void theFirstTemplateIsRevisionOneAndItsDataPutsTheTemplateBack() {
        ControllerHistory.Plan plan = ControllerHistory.decide(ds(null), "abc", List.of(), Set.of());
        assertThat(plan.renumber()).isEmpty();
        assertThat(plan.delete()).isEmpty();
        ControllerRevision r = plan.create().orElseThrow();
        assertThat(r.getMetadata().getName()).isEqualTo("logger-abc");
        assertThat(r.getRevision()).isEqualTo(1L);
        assertThat(r.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("app", "logger", ControllerHistory.REVISION_LABEL, "abc"));
        assertThat(r.getMetadata().getAnnotations()).containsEntry("kubernetes.io/change-cause", "kubectl set image");
        assertThat(r.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("DaemonSet");
            assertThat(ref.getUid()).isEqualTo("ds-uid");
            assertThat(ref.getController()).isTrue();
        });
        // as Go marshals the template: a null creationTimestamp (the API server orders the keys)
        assertThat(new KubernetesSerialization().asJson(r.getData())).isEqualTo(
                "{\"spec\":{\"template\":{\"$patch\":\"replace\",\"metadata\":{\"creationTimestamp\":null,"
                        + "\"labels\":{\"app\":\"logger\"}},"
                        + "\"spec\":{\"containers\":[{\"image\":\"busybox\",\"name\":\"c\"}]}}}}");
    }

    @Test
    void aStatefulSetsRevisionsAreLabelledWithTheirName() {
        ControllerHistory.Owner ds = ds(null);
        ControllerHistory.Owner sts = new ControllerHistory.Owner("StatefulSet", ds.metadata(), ds.template(), null, false);

        ControllerRevision r = ControllerHistory.decide(sts, "abc", List.of(), Set.of()).create().orElseThrow();

        assertThat(r.getMetadata().getLabels()).containsEntry(ControllerHistory.REVISION_LABEL, "logger-abc");
        assertThat(r.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("StatefulSet");
    }

    @Test
    void aNewTemplateGetsTheNextNumberAndAnOldOneIsRenumbered() {
        List<ControllerRevision> owned = List.of(revision("one", 1), revision("two", 2));
        assertThat(ControllerHistory.decide(ds(null), "three", owned, Set.of()).create().orElseThrow().getRevision())
                .isEqualTo(3L);
        ControllerHistory.Plan back = ControllerHistory.decide(ds(null), "one", owned, Set.of());
        assertThat(back.create()).isEmpty();
        assertThat(back.renumber()).hasValueSatisfying(r -> {
            assertThat(r.revision().getMetadata().getName()).isEqualTo("logger-one");
            assertThat(r.to()).isEqualTo(3L);
        });
        assertThat(ControllerHistory.decide(ds(null), "two", owned, Set.of()).isEmpty()).as("current and newest").isTrue();
    }

    @Test
    void revisionsPastTheLimitGoOldestFirstUnlessAPodRunsThem() {
        List<ControllerRevision> owned = new ArrayList<>(IntStream.rangeClosed(1, 5)
                .mapToObj(i -> revision("h" + i, i)).toList());
        ControllerHistory.Plan plan = ControllerHistory.decide(ds(2), "h5", owned, Set.of("logger-h1"));
        assertThat(plan.delete()).extracting(r -> r.getMetadata().getName()).containsExactly("logger-h2", "logger-h3");
        assertThat(ControllerHistory.decide(ds(null), "h5", owned, Set.of()).delete()).as("default limit 10").isEmpty();
        assertThat(ControllerHistory.decide(ds(0), "h5", owned, Set.of()).delete()).hasSize(4);
    }
}
