package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubelite.controller.ObjectKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InformerTest {

    private final FakeChangeStream<ConfigMap> stream = new FakeChangeStream<>();
    private final List<ListSource.Snapshot<ConfigMap>> lists = new ArrayList<>();
    private final AtomicInteger listCalls = new AtomicInteger();
    private final List<String> seen = new ArrayList<>();
    private Informer<ConfigMap> informer;

    @AfterEach
    void stop() {
        if (informer != null) {
            informer.stop();
        }
    }

    private static ConfigMap cm(String ns, String name, long rv, String value) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name)
                .withResourceVersion(Long.toString(rv)).endMetadata().addToData("v", value).build();
    }

    private Informer<ConfigMap> start(Duration resync, ListSource.Snapshot<ConfigMap>... snapshots) throws Exception {
        lists.addAll(List.of(snapshots));
        ListSource<ConfigMap> source = () -> {
            int call = listCalls.getAndIncrement();
            return lists.get(Math.min(call, lists.size() - 1));
        };
        informer = new Informer<>("configmaps", source, stream, null, resync, Clock.systemUTC());
        informer.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(ConfigMap o) {
                record("add " + o.getMetadata().getName() + "@" + o.getMetadata().getResourceVersion());
            }

            @Override
            public void onUpdate(ConfigMap old, ConfigMap o) {
                record("update " + o.getMetadata().getName() + "@" + old.getMetadata().getResourceVersion() + "->"
                        + o.getMetadata().getResourceVersion());
            }

            @Override
            public void onDelete(ConfigMap o) {
                record("delete " + o.getMetadata().getName());
            }
        });
        informer.start();
        assertThat(informer.waitForSync(Duration.ofSeconds(5))).isTrue();
        return informer;
    }

    private synchronized void record(String line) {
        seen.add(line);
    }

    private synchronized List<String> seen() {
        return new ArrayList<>(seen);
    }

    @Test
    void listFillsTheCacheAndStreamedChangesFollow() throws Exception {
        start(null, new ListSource.Snapshot<>(List.of(cm("default", "a", 10, "1")), 10));
        stream.append(ChangeEvent.Type.ADDED, cm("default", "b", 11, "1"));
        stream.append(ChangeEvent.Type.MODIFIED, cm("default", "a", 12, "2"));
        stream.append(ChangeEvent.Type.DELETED, cm("default", "b", 13, "1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen().size() == 4);
        assertThat(seen()).containsExactly("add a@10", "add b@11", "update a@10->12", "delete b");
        assertThat(informer.lister().get(ObjectKey.of("default", "a")).orElseThrow().getData()).containsEntry("v", "2");
        assertThat(informer.lister().get(ObjectKey.of("default", "b"))).isEmpty();
    }

    @Test
    void eventsTheListAlreadyHoldsAreDroppedEvenWhenReplayed() throws Exception {
        // Published before the list (rv <= 120) but read after the mark: already in the list.
        stream.append(ChangeEvent.Type.ADDED, cm("default", "gone", 100, "1"));
        ListSource<ConfigMap> source = () -> new ListSource.Snapshot<>(List.of(cm("default", "a", 118, "1")), 120);
        informer = new Informer<>("configmaps", () -> {
            // a change lands between the mark and the list: the stream replays it, the list holds it
            stream.append(ChangeEvent.Type.MODIFIED, cm("default", "a", 118, "1"));
            stream.append(ChangeEvent.Type.DELETED, cm("default", "gone", 119, "1"));
            return source.list();
        }, stream, null, null, Clock.systemUTC());
        List<String> events = new ArrayList<>();
        informer.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(ConfigMap o) {
                events.add("add " + o.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap old, ConfigMap o) {
                events.add("update " + o.getMetadata().getName() + "@" + o.getMetadata().getResourceVersion());
            }

            @Override
            public void onDelete(ConfigMap o) {
                events.add("delete " + o.getMetadata().getName());
            }
        });
        informer.start();
        assertThat(informer.waitForSync(Duration.ofSeconds(5))).isTrue();
        stream.append(ChangeEvent.Type.MODIFIED, cm("default", "a", 121, "2"));
        // the relay re-publishes after a restart: the same change again
        stream.append(ChangeEvent.Type.MODIFIED, cm("default", "a", 121, "2"));

        await().atMost(Duration.ofSeconds(5)).until(() -> informer.eventsApplied() == 1);
        // and nothing more arrives: the replay stays dropped
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(events).containsExactly("add a", "update a@121"));
    }

    @Test
    void aDuplicateOfAnOlderChangeNeverRevivesADeletedObject() throws Exception {
        start(null, new ListSource.Snapshot<>(List.of(), 5));
        stream.append(ChangeEvent.Type.ADDED, cm("default", "a", 6, "1"));
        stream.append(ChangeEvent.Type.DELETED, cm("default", "a", 7, "1"));
        stream.append(ChangeEvent.Type.ADDED, cm("default", "a", 6, "1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen().size() >= 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(seen()).containsExactly("add a@6", "delete a");
            assertThat(informer.lister().list()).isEmpty();
        });
    }

    @Test
    void aGapInTheStreamMakesItRelistAndHandlersSeeTheDifference() throws Exception {
        start(null,
                new ListSource.Snapshot<>(List.of(cm("default", "a", 10, "1"), cm("default", "b", 10, "1")), 10),
                new ListSource.Snapshot<>(List.of(cm("default", "a", 30, "3"), cm("default", "c", 25, "1")), 30));
        stream.expireReaderPosition();

        await().atMost(Duration.ofSeconds(5)).until(() -> informer.lists() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> informer.lister().list().size() == 2);
        assertThat(informer.lister().get(ObjectKey.of("default", "a")).orElseThrow().getData()).containsEntry("v", "3");
        assertThat(informer.lister().get(ObjectKey.of("default", "b"))).isEmpty();
        assertThat(seen()).contains("delete b", "add c@25", "update a@10->30");
    }

    @Test
    void resyncRedeliversEveryCachedObjectAsAnUpdateToItself() throws Exception {
        start(Duration.ofMillis(200), new ListSource.Snapshot<>(List.of(cm("default", "a", 10, "1")), 10));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen().contains("update a@10->10"));
    }

    @Test
    void aFilteredInformerTreatsAnObjectLeavingTheFilterAsDeleted() throws Exception {
        FakeChangeStream<Pod> pods = new FakeChangeStream<>();
        Informer<Pod> mine = new Informer<>("pods[node-1]", () -> new ListSource.Snapshot<>(List.of(), 1), pods,
                p -> "node-1".equals(p.getSpec().getNodeName()), null, Clock.systemUTC());
        mine.addIndex(Indexes.NODE_NAME, Indexes::nodeName);
        AtomicLong deletes = new AtomicLong();
        mine.addEventHandler(new EventHandler<>() {
            @Override
            public void onDelete(Pod object) {
                deletes.incrementAndGet();
            }
        });
        mine.start();
        try {
            assertThat(mine.waitForSync(Duration.ofSeconds(5))).isTrue();
            pods.append(ChangeEvent.Type.ADDED, pod("p", 2, null));
            pods.append(ChangeEvent.Type.MODIFIED, pod("p", 3, "node-1"));
            await().atMost(Duration.ofSeconds(5)).until(() -> mine.lister().byIndex(Indexes.NODE_NAME, "node-1").size() == 1);
            pods.append(ChangeEvent.Type.MODIFIED, pod("p", 4, "node-2"));
            await().atMost(Duration.ofSeconds(5)).until(() -> deletes.get() == 1);
            assertThat(mine.lister().list()).isEmpty();
        } finally {
            mine.stop();
        }
    }

    @Test
    void indexesFollowUpdates() throws Exception {
        start(null, new ListSource.Snapshot<>(List.of(cm("a", "x", 10, "1"), cm("b", "y", 10, "1")), 10));
        informer.addIndex(Indexes.labelIndexName("app"), Indexes.label("app"));
        stream.append(ChangeEvent.Type.MODIFIED, new ConfigMapBuilder(cm("a", "x", 11, "1")).editMetadata()
                .addToLabels("app", "web").endMetadata().build());

        await().atMost(Duration.ofSeconds(5)).until(() -> informer.lister().byIndex(Indexes.labelIndexName("app"), "web").size() == 1);
        assertThat(informer.lister().list("a")).hasSize(1);
        assertThat(informer.lister().list("b")).extracting(c -> c.getMetadata().getName()).containsExactly("y");
        assertThat(informer.lister().list("c")).isEmpty();
    }

    private static Pod pod(String name, long rv, String node) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name)
                .withResourceVersion(Long.toString(rv)).endMetadata().withNewSpec().withNodeName(node).endSpec().build();
    }
}
