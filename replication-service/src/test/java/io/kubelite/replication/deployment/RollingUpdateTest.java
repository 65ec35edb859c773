package io.kubelite.replication.deployment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RollingUpdateTest {

    static ReplicaSetState rs(String name, int spec, int available, int minute) {
        return new ReplicaSetState(name, spec, spec, available, available, Instant.parse("2026-01-01T10:00:00Z").plusSeconds(60L * minute));
    }

    /** "old1:10/10,old2:2/0" → name:spec/available, oldest first. */
    static List<ReplicaSetState> olds(String spec) {
        List<ReplicaSetState> out = new ArrayList<>();
        if (spec.isBlank()) {
            return out;
        }
        int minute = 0;
        for (String part : spec.split(" ")) {
            String[] nameRest = part.split(":");
            String[] counts = nameRest[1].split("/");
            out.add(rs(nameRest[0], Integer.parseInt(counts[0]), Integer.parseInt(counts[1]), minute++));
        }
        return out;
    }

    static Map<String, Integer> targets(String spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(" ")) {
            String[] kv = part.split("=");
            out.put(kv[0], Integer.parseInt(kv[1]));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // rule; replicas; surge; unavailable; new spec/available; old RSs; new RS target; old RS targets
            "first step: surge 3 new pods, drop 2 unavailable-worth of old; 10; 3; 2; 0/0; old:10/10; 3; old=8",
            "second step, 3 new pods ready: new grows to 5, old shrinks by 3; 10; 3; 2; 3/3; old:8/8; 5; old=5",
            "new pods not ready yet: nothing more may go; 10; 3; 2; 5/0; old:8/8; 5; ''",
            "last step: old scaled to 0 once enough new pods are available; 10; 3; 2; 10/10; old:3/3; 10; old=0",
            "maxSurge 0 maxUnavailable 1 on 3: delete one old before creating; 3; 0; 1; 0/0; old:3/3; 0; old=2",
            "maxSurge 0 maxUnavailable 1 on 3: then create one new; 3; 0; 1; 0/0; old:2/2; 1; ''",
            "maxSurge 1 maxUnavailable 0 on 3: create first, delete nothing yet; 3; 1; 0; 0/0; old:3/3; 1; ''",
            "maxSurge 1 maxUnavailable 0 on 3: one new available lets one old go; 3; 1; 0; 1/1; old:3/3; 1; old=2",
            "unavailable old pods go first and cost no availability; 4; 1; 1; 1/1; old:4/2; 1; old=2",
            "oldest ReplicaSet shrinks first; 4; 1; 1; 1/1; a:2/2 b:2/2; 1; a=0",
            "nothing old: nothing to scale down; 2; 1; 0; 2/2; ''; 2; ''"})
    void stepsTheRolloutWithinMaxSurgeAndMaxUnavailable(String rule, int replicas, int surge, int unavailable,
            String newRs, String oldRss, int expectedNew, String expectedOld) {
        String[] n = newRs.split("/");
        ReplicaSetState newState = new ReplicaSetState("new", Integer.parseInt(n[0]), Integer.parseInt(n[0]),
                Integer.parseInt(n[1]), Integer.parseInt(n[1]), Instant.parse("2026-01-01T11:00:00Z"));
        Fenceposts f = new Fenceposts(surge, unavailable);
        List<ReplicaSetState> old = olds(oldRss);

        int newTarget = RollingUpdate.newReplicaSetReplicas(replicas, f, newState, old);
        Map<String, Integer> oldTargets = RollingUpdate.oldReplicaSetReplicas(replicas, f,
                newState.withSpecReplicas(newTarget), old);

        assertThat(newTarget).isEqualTo(expectedNew);
        assertThat(oldTargets).isEqualTo(targets(expectedOld));
        // the bound a user sees: never fewer than replicas - maxUnavailable pods that can be available
        int oldAfter = old.stream().mapToInt(o -> Math.min(o.availableReplicas(),
                oldTargets.getOrDefault(o.name(), o.specReplicas()))).sum();
        assertThat(oldAfter + newState.availableReplicas()).isGreaterThanOrEqualTo(Math.min(replicas - unavailable,
                old.stream().mapToInt(ReplicaSetState::availableReplicas).sum() + newState.availableReplicas()));
    }
}
