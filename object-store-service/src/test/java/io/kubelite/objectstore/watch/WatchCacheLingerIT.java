package io.kubelite.objectstore.watch;

import io.kubelite.objectstore.EmbeddedDatabase;
import io.kubelite.objectstore.storage.Change;
import io.kubelite.objectstore.storage.Mutation;
import io.kubelite.objectstore.storage.ObjectStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watch cache with a long linger (200 ms, the default is 5 ms): commits that come faster than
 * that are read a batch at a time, and none is lost or reordered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class WatchCacheLingerIT {

    private static final Duration LINGER = Duration.ofMillis(200);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedDatabase.register(registry);
        registry.add("kubelite.kafka.bootstrap-servers", () -> "");
        registry.add("kubelite.store.watch-cache-linger", LINGER::toString);
    }

    @Autowired
    ObjectStore store;

    @Autowired
    WatchCache cache;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void commitsFasterThanTheLingerAreReadSeveralAtATimeAndAllInOrder() throws InterruptedException {
        await("watch cache started").atMost(Duration.ofSeconds(10)).until(() -> cache.position() >= 0);
        // Every position the cache moves to, with when it got there, as a watch waiting on it sees them.
        List<long[]> advances = new CopyOnWriteArrayList<>();
        Thread watcher = new Thread(() -> {
            long seen = cache.position();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    cache.awaitNewerThan(seen, 1000);
                    long now = cache.position();
                    if (now > seen) {
                        advances.add(new long[] {System.nanoTime(), now});
                        seen = now;
                    }
                }
            } catch (InterruptedException stop) {
                // test over
            }
        }, "linger-watcher");
        watcher.start();

        String ns = "linger-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> rvs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ObjectNode body = json.createObjectNode();
            body.put("apiVersion", "v1").put("kind", "ConfigMap");
            body.putObject("metadata").put("name", "cm-" + i).put("namespace", ns).put("uid", UUID.randomUUID().toString());
            rvs.add(store.commit(new Mutation.Create("configmaps", body)).resourceVersion());
        }
        long last = rvs.get(rvs.size() - 1);
        await("cache caught up").atMost(Duration.ofSeconds(10)).until(() -> cache.position() >= last);
        watcher.interrupt();
        watcher.join(5000);

        List<Change> changes = cache.changesAfter("configmaps", rvs.get(0) - 1, 10_000);
        assertThat(changes).isNotNull();
        assertThat(changes.stream().filter(c -> ns.equals(c.namespace())).map(Change::resourceVersion).toList())
                .as("every commit, in order").containsExactlyElementsOf(rvs);
        List<long[]> during = advances.stream().filter(a -> a[1] >= rvs.get(0)).toList();
        assertThat(during).as("300 commits read in a few batches, not one by one").hasSizeLessThan(rvs.size() / 10);
        for (int i = 1; i < during.size(); i++) {
            assertThat(during.get(i)[0] - during.get(i - 1)[0]).as("nanoseconds between reads %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo(LINGER.toNanos() / 2); // the watcher may see a read late; unlingered reads are ~1 ms apart
        }
    }
}
