package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pods/eviction against a real PostgreSQL: a PodDisruptionBudget that allows no disruption keeps
 * its pod (429, kube's words, nothing written); one that allows one spends it and records the pod;
 * pods no budget selects, and pods not yet running, go at once.
 */
class EvictionIT extends ApiServerTest {

    static final String NS = "/api/v1/namespaces/default";
    static final String PDBS = "/apis/policy/v1/namespaces/default/poddisruptionbudgets";
    static final String EVICTION = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"%s\"}}";

    void runningPod(String name, String app) {
        var created = api.post(NS + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"%s"}},
                 "spec":{"containers":[{"name":"c","image":"busybox"}]}}""".formatted(name, app));
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        var running = api.patch(NS + "/pods/" + name + "/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        assertThat(running.code()).as(running.raw()).isEqualTo(200);
    }

    void budget(String name, String app, int allowed) {
        if (api.get(PDBS + "/" + name).code() == 404) {
            var created = api.post(PDBS, """
                    {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"%s"},
                     "spec":{"minAvailable":2,"selector":{"matchLabels":{"app":"%s"}}}}""".formatted(name, app));
            assertThat(created.code()).as(created.raw()).isEqualTo(201);
        }
        // as the disruption controller would write it
        var status = api.patch(PDBS + "/" + name + "/status", "application/merge-patch+json", """
                {"status":{"observedGeneration":1,"disruptionsAllowed":%d,"currentHealthy":%d,"desiredHealthy":2,
                 "expectedPods":3}}""".formatted(allowed, 2 + allowed));
        assertThat(status.code()).as(status.raw()).isEqualTo(200);
    }

    @Test
    void aBudgetWithoutRoomKeepsItsPodAndOneWithRoomSpendsIt() {
        runningPod("guarded-a", "guarded");
        runningPod("guarded-b", "guarded");
        budget("guarded-pdb", "guarded", 0);

        var refused = api.post(NS + "/pods/guarded-a/eviction", EVICTION.formatted("guarded-a"));

        assertThat(refused.code()).as(refused.raw()).isEqualTo(429);
        assertThat(refused.body().path("reason").asString()).isEqualTo("TooManyRequests");
        assertThat(refused.body().path("message").asString())
                .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(refused.body().path("details").path("causes").get(0).path("reason").asString()).isEqualTo("DisruptionBudget");
        assertThat(refused.body().path("details").path("causes").get(0).path("message").asString())
                .isEqualTo("The disruption budget guarded-pdb needs 2 healthy pods and has 2 currently");
        assertThat(api.get(NS + "/pods/guarded-a").code()).isEqualTo(200);
        assertThat(api.get(PDBS + "/guarded-pdb").body().path("status").path("disruptionsAllowed").asInt()).isZero();

        budget("guarded-pdb", "guarded", 1);
        var evicted = api.post(NS + "/pods/guarded-a/eviction", EVICTION.formatted("guarded-a"));

        assertThat(evicted.code()).as(evicted.raw()).isEqualTo(201);
        assertThat(api.get(NS + "/pods/guarded-a").code()).isEqualTo(404);
        var status = api.get(PDBS + "/guarded-pdb").body().path("status");
        assertThat(status.path("disruptionsAllowed").asInt()).isZero();
        assertThat(status.path("disruptedPods").has("guarded-a")).isTrue();

        var second = api.post(NS + "/pods/guarded-b/eviction", EVICTION.formatted("guarded-b"));
        assertThat(second.code()).as("the one disruption was spent").isEqualTo(429);
    }

    @Test
    void anEvictedPodStoppingOnItsNodeCarriesTheDisruptionTargetCondition() {
        var created = api.post(NS + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"drained"},
                 "spec":{"nodeName":"node-1","containers":[{"name":"c","image":"busybox"}]}}""");
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        api.patch(NS + "/pods/drained/status", "application/merge-patch+json", "{\"status\":{\"phase\":\"Running\"}}");

        assertThat(api.post(NS + "/pods/drained/eviction", EVICTION.formatted("drained")).code()).isEqualTo(201);

        var pod = api.get(NS + "/pods/drained").body();
        assertThat(pod.path("metadata").has("deletionTimestamp")).as("stopped gracefully by its node agent").isTrue();
        assertThat(pod.path("status").path("conditions")).anySatisfy(c -> assertThat(c.path("type").asString() + " "
                + c.path("status").asString() + " " + c.path("reason").asString() + ": " + c.path("message").asString())
                .isEqualTo("DisruptionTarget True EvictionByEvictionAPI: Eviction API: evicting"));
        api.delete(NS + "/pods/drained?gracePeriodSeconds=0");
    }

    @Test
    void podsNoBudgetSelectsAndPodsNotYetRunningGoAtOnce() {
        runningPod("free", "free");
        budget("other-pdb", "other", 0);
        assertThat(api.post(NS + "/pods/free/eviction", EVICTION.formatted("free")).code()).isEqualTo(201);

        var pending = api.post(NS + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"waiting","labels":{"app":"other"}},
                 "spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
        assertThat(pending.code()).isEqualTo(201);
        assertThat(api.post(NS + "/pods/waiting/eviction", EVICTION.formatted("waiting")).code()).isEqualTo(201);
        assertThat(api.get(NS + "/pods/waiting").code()).isEqualTo(404);
    }

    @Test
    void aBudgetWithBothBoundsIsRefused() {
        var both = api.post(PDBS, """
                {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"both"},
                 "spec":{"minAvailable":1,"maxUnavailable":"150%","selector":{"matchLabels":{"app":"x"}}}}""");

        assertThat(both.code()).as(both.raw()).isEqualTo(422);
        assertThat(both.body().path("message").asString())
                .contains("spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:1, MaxUnavailable:150%}: "
                        + "minAvailable and maxUnavailable cannot be both set")
                .contains("spec.maxUnavailable: Invalid value: 150%: must not be greater than 100%");
        assertThat(api.get(PDBS + "/both").code()).isEqualTo(404);
    }
}
