package io.kubelite.objectstore.controllers;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.ApiEventRecorder;
import io.kubelite.controller.informer.EventHandler;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.InformerFactory;
import io.kubelite.controller.leader.LeaderElection;
import io.kubelite.controller.manager.ControllerManager;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.objectstore.EmbeddedDatabase;
import io.kubelite.objectstore.relay.EmbeddedKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The controller runtime against the real API server, PostgreSQL and Kafka: informers fed by
 * the relay's topics, a sample reconciler wired with the builder, leader election between two
 * managers, and the event recorder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ControllerRuntimeIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedDatabase.register(registry);
        registry.add("logging.level.kafka", () -> "WARN");
        registry.add("logging.level.org.apache.kafka", () -> "WARN");
        registry.add("kubelite.kafka.bootstrap-servers", () -> EmbeddedKafka.shared().bootstrapServers());
    }

    @LocalServerPort
    int port;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private KubernetesClient client;

    @BeforeEach
    void client() {
        client = newClient();
    }

    @AfterEach
    void close() throws Exception {
        Collections.reverse(closeables);
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private KubernetesClient newClient() {
        return newClient(port);
    }

    private KubernetesClient newClient(int apiPort) {
        KubernetesClient c = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + apiPort).withRequestTimeout(10_000).build()).build();
        closeables.add(c);
        return c;
    }

    private InformerFactory informers(KubernetesClient c) {
        InformerFactory factory = new InformerFactory(c, EmbeddedKafka.shared().bootstrapServers(), null);
        closeables.add(factory);
        return factory;
    }

    private void namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .serverSideApply();
    }

    private static ConfigMap configMap(String ns, String name, Map<String, String> labels, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(labels).endMetadata()
                .withData(data).build();
    }

    @Test
    void informerSeesEveryChangeAfterItsListInOrderAndItsCacheMatchesTheApi() throws Exception {
        namespace("informer-a");
        client.configMaps().inNamespace("informer-a").resource(configMap("informer-a", "before", Map.of(), Map.of("v", "0"))).create();
        InformerFactory factory = informers(client);
        Informer<ConfigMap> configMaps = factory.informerFor(ConfigMap.class);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Integer> entriesSeen = Collections.synchronizedList(new ArrayList<>());
        configMaps.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(ConfigMap o) {
                if ("informer-a".equals(o.getMetadata().getNamespace())) {
                    seen.add("add " + o.getMetadata().getName() + " " + o.getData());
                    entriesSeen.add(o.getMetadata().getManagedFields().size());
                }
            }

            @Override
            public void onUpdate(ConfigMap old, ConfigMap o) {
                if ("informer-a".equals(o.getMetadata().getNamespace())) {
                    seen.add("update " + o.getMetadata().getName() + " " + o.getData());
                    entriesSeen.add(o.getMetadata().getManagedFields().size());
                }
            }

            @Override
            public void onDelete(ConfigMap o) {
                if ("informer-a".equals(o.getMetadata().getNamespace())) {
                    seen.add("delete " + o.getMetadata().getName());
                }
            }
        });
        factory.start();
        assertThat(factory.waitForSync(Duration.ofSeconds(30))).isTrue();

        var cms = client.configMaps().inNamespace("informer-a");
        cms.resource(configMap("informer-a", "a", Map.of(), Map.of("v", "1"))).create();
        cms.withName("a").edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("v", "2")).build());
        cms.withName("a").edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("v", "3")).build());
        cms.withName("before").delete();

        await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("delete before"));
        assertThat(seen).containsExactly("add before {v=0}", "add a {v=1}", "update a {v=2}", "update a {v=3}",
                "delete before");
        ConfigMap cached = configMaps.lister().get(ObjectKey.of("informer-a", "a")).orElseThrow();
        assertThat(cached.getMetadata().getResourceVersion())
                .isEqualTo(cms.withName("a").get().getMetadata().getResourceVersion());
        assertThat(configMaps.lister().list("informer-a")).hasSize(1);
        assertThat(configMaps.lists()).isEqualTo(1);
        // listed ("before") and followed ("a") objects are cached without field entries, which the API keeps
        assertThat(entriesSeen).hasSize(4).containsOnly(0);
        assertThat(cms.withName("a").get().getMetadata().getManagedFields()).isNotEmpty();
    }

    @Test
    void anUpdateOfACachedObjectKeepsTheStoredFieldEntries() throws Exception {
        namespace("informer-entries");
        var cms = client.configMaps().inNamespace("informer-entries");
        cms.resource(configMap("informer-entries", "a", Map.of("tier", "web"), Map.of("v", "1"))).create();
        String createdEntries = cms.withName("a").get().getMetadata().getManagedFields().toString();
        assertThat(createdEntries).contains("f:labels", "f:tier", "f:data", "f:v");
        InformerFactory factory = informers(client);
        Informer<ConfigMap> configMaps = factory.informerFor(ConfigMap.class);
        factory.start();
        assertThat(factory.waitForSync(Duration.ofSeconds(30))).isTrue();
        ConfigMap cached = configMaps.lister().get(ObjectKey.of("informer-entries", "a")).orElseThrow();
        assertThat(cached.getMetadata().getManagedFields()).isEmpty();

        // as a controller writes: the cached object, changed, without managedFields
        cms.resource(new ConfigMapBuilder(cached).withData(Map.of("v", "2")).build()).update();

        var entries = cms.withName("a").get().getMetadata().getManagedFields();
        assertThat(entries).hasSize(1);
        // the label, which this update did not send entries for, is still owned by its manager
        assertThat(entries.get(0).getFieldsV1().toString()).contains("f:labels", "f:tier", "f:data", "f:v");
        await().atMost(Duration.ofSeconds(20)).until(() -> configMaps.lister().get(ObjectKey.of("informer-entries", "a"))
                .map(cm -> "2".equals(cm.getData().get("v"))).orElse(false));
        assertThat(configMaps.lister().get(ObjectKey.of("informer-entries", "a")).orElseThrow()
                .getMetadata().getManagedFields()).isEmpty();
    }

    @Test
    void sampleReconcilerKeepsAMirrorOfEveryLabelledConfigMap() throws Exception {
        namespace("mirror");
        InformerFactory factory = informers(client);
        Informer<ConfigMap> configMaps = factory.informerFor(ConfigMap.class);
        Controller controller = ControllerBuilder.named("mirror")
                .forKind(configMaps)
                .owns(configMaps, "ConfigMap")
                .reconciler(new MirrorReconciler(client, configMaps.lister()))
                .workers(2)
                .build();
        factory.start();
        assertThat(factory.waitForSync(Duration.ofSeconds(30))).isTrue();
        controller.start();
        closeables.add(() -> controller.stop(Duration.ofSeconds(5)));
        var cms = client.configMaps().inNamespace("mirror");

        cms.resource(configMap("mirror", "settings", Map.of("mirror", "yes"), Map.of("color", "blue"))).create();
        cms.resource(configMap("mirror", "plain", Map.of(), Map.of("x", "1"))).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> cms.withName("settings-mirror").get() != null);
        assertThat(cms.withName("settings-mirror").get().getData()).containsEntry("color", "blue");

        cms.withName("settings").edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("color", "green")).build());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "green".equals(cms.withName("settings-mirror").get().getData().get("color")));

        // someone deletes the mirror: the owner's controller puts it back
        cms.withName("settings-mirror").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ConfigMap m = cms.withName("settings-mirror").get();
            return m != null && "green".equals(m.getData().get("color"));
        });

        cms.withName("settings").edit(cm -> new ConfigMapBuilder(cm).editMetadata().removeFromLabels("mirror").endMetadata().build());
        await().atMost(Duration.ofSeconds(20)).until(() -> cms.withName("settings-mirror").get() == null);
        assertThat(cms.withName("plain-mirror").get()).isNull();
    }

    @Test
    void onlyTheLeaderReconcilesAndAStandbyTakesOverWhenTheLeaderDies() throws Exception {
        namespace("election");
        LeaderElection.Timing timing = new LeaderElection.Timing(Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofMillis(500));
        Set<String> reconciledByA = ConcurrentHashMap.newKeySet();
        Set<String> reconciledByB = ConcurrentHashMap.newKeySet();
        CuttableProxy pathOfA = new CuttableProxy(port);
        closeables.add(pathOfA);
        KubernetesClient clientA = newClient(pathOfA.port());
        ControllerManager a = manager("a", clientA, timing, reconciledByA);
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        ControllerManager b = manager("b", newClient(), timing, reconciledByB);
        b.start();
        var cms = client.configMaps().inNamespace("election");

        cms.resource(configMap("election", "one", Map.of(), Map.of())).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> reconciledByA.contains("one"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(reconciledByB).doesNotContain("one");
            assertThat(b.isLeader()).isFalse();
        });

        // a controller made during the term (for a kind that appeared since) runs on the leader only
        Set<String> lateOnA = ConcurrentHashMap.newKeySet();
        Set<String> lateOnB = ConcurrentHashMap.newKeySet();
        Controller adoptedByA = recordingController("late-a", lateOnA);
        Controller offeredToB = recordingController("late-b", lateOnB);
        a.adopt(adoptedByA);
        b.adopt(offeredToB);
        adoptedByA.queue().add(ObjectKey.of("election", "late"));
        offeredToB.queue().add(ObjectKey.of("election", "late"));
        await().atMost(Duration.ofSeconds(5)).until(() -> lateOnA.contains("late"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(lateOnB::isEmpty);

        // The leader is cut off from the API, as by a network partition: it cannot renew, so it
        // must stop its controllers before the lease runs out and the standby takes over.
        long lost = System.nanoTime();
        pathOfA.cut();
        await().atMost(Duration.ofSeconds(15)).until(b::isLeader);
        double takeover = (System.nanoTime() - lost) / 1e9;
        assertThat(takeover).as("seconds until the standby leads").isLessThan(3 + 2 + 1.5);

        cms.resource(configMap("election", "two", Map.of(), Map.of())).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> reconciledByB.contains("two"));
        assertThat(reconciledByA).doesNotContain("two");
        assertThat(a.isLeader()).isFalse();
        assertThat(adoptedByA.queue().isShuttingDown()).as("the adopted controller stopped with the term").isTrue();
    }

    private static Controller recordingController(String name, Set<String> reconciled) {
        return ControllerBuilder.named(name).reconciler(key -> {
            reconciled.add(key.name());
            return Result.done();
        }).build();
    }

    @Test
    void aMetadataInformerCachesTheMetadataOfAKindAndFollowsItsChanges() throws Exception {
        namespace("metadata-a");
        var secrets = client.secrets().inNamespace("metadata-a");
        secrets.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("before")
                .withLabels(Map.of("v", "0")).endMetadata().withStringData(Map.of("password", "hunter2")).build()).create();
        InformerFactory factory = informers(newClient());
        Informer<io.fabric8.kubernetes.api.model.PartialObjectMetadata> informer = factory.metadataInformerFor(
                new io.kubelite.controller.informer.MetadataKind("v1", "Secret", "secrets", true));
        factory.start();
        assertThat(factory.waitForSync(Duration.ofSeconds(30))).isTrue();

        var listed = informer.lister().get(ObjectKey.of("metadata-a", "before")).orElseThrow();
        assertThat(listed.getKind()).isEqualTo("Secret");
        assertThat(listed.getMetadata().getLabels()).containsEntry("v", "0");
        assertThat(listed.getMetadata().getManagedFields()).isEmpty();
        assertThat(client.getKubernetesSerialization().asJson(listed)).doesNotContain("hunter2").doesNotContain("aHVudGVyMg");

        secrets.withName("before").edit(s -> { s.getMetadata().getLabels().put("v", "1"); return s; });
        secrets.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("after").endMetadata()
                .build()).create();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(informer.lister().get(ObjectKey.of("metadata-a", "before")).orElseThrow().getMetadata().getLabels())
                    .containsEntry("v", "1");
            assertThat(informer.lister().get(ObjectKey.of("metadata-a", "after"))).isPresent();
        });
        secrets.withName("after").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> informer.lister().get(ObjectKey.of("metadata-a", "after")).isEmpty());
    }

    private ControllerManager manager(String identity, KubernetesClient c, LeaderElection.Timing timing, Set<String> reconciled) {
        InformerFactory factory = new InformerFactory(c, EmbeddedKafka.shared().bootstrapServers(), null);
        Informer<ConfigMap> configMaps = factory.informerFor(ConfigMap.class);
        ControllerManager manager = new ControllerManager("test-" + identity, c, factory, "election-it", timing,
                () -> List.of(ControllerBuilder.named("recorder-" + identity).forKind(configMaps)
                        .reconciler(key -> {
                            if (key.namespace().equals("election")) {
                                reconciled.add(key.name());
                            }
                            return Result.done();
                        }).build()));
        closeables.add(manager);
        return manager;
    }

    @Test
    void eventRecorderAggregatesRepeatsIntoOneEventWithACount() throws Exception {
        namespace("events");
        ConfigMap subject = client.configMaps().inNamespace("events")
                .resource(configMap("events", "subject", Map.of(), Map.of())).create();
        ApiEventRecorder recorder = new ApiEventRecorder(client, "test-controller", "host-1", Clock.systemUTC());
        closeables.add(recorder);

        for (int i = 0; i < 3; i++) {
            recorder.warning(subject, "Unhealthy", "Liveness probe failed");
        }
        recorder.normal(subject, "Synced", "all good");

        await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace("events").list().getItems().size() == 2
                && count(client.v1().events().inNamespace("events").list().getItems(), "Unhealthy") == 3);
        Event unhealthy = client.v1().events().inNamespace("events").list().getItems().stream()
                .filter(e -> e.getReason().equals("Unhealthy")).findFirst().orElseThrow();
        assertThat(unhealthy.getType()).isEqualTo("Warning");
        assertThat(unhealthy.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
        assertThat(unhealthy.getInvolvedObject().getUid()).isEqualTo(subject.getMetadata().getUid());
        assertThat(unhealthy.getSource().getComponent()).isEqualTo("test-controller");
        assertThat(unhealthy.getMetadata().getName()).startsWith("subject.");
    }

    private static int count(List<Event> events, String reason) {
        return events.stream().filter(e -> e.getReason().equals(reason)).mapToInt(e -> e.getCount() == null ? 0 : e.getCount())
                .sum();
    }
}
