package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutStatusTest {

    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    static ReplicaSetState rs(String name, int pods, int available) {
        return new ReplicaSetState(name, pods, pods, available, available, T0);
    }

    static RolloutStatus.Input input(boolean paused, ReplicaSetState newRs, ReplicaSetState... old) {
        List<ReplicaSetState> all = new java.util.ArrayList<>(List.of(old));
        all.add(newRs);
        return new RolloutStatus.Input(3, 3, paused, false, 600, 0, newRs.name(), false, newRs, all, null);
    }

    static DeploymentCondition condition(DeploymentStatus s, String type) {
        return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void aCompleteRolloutIsProgressingTrueWithNewReplicaSetAvailableAndCountsWhatRolloutStatusReads() {
        DeploymentStatus s = RolloutStatus.compute(input(false, rs("web-1", 3, 3), rs("web-0", 0, 0)), null, T0);
        assertThat(s.getObservedGeneration()).isEqualTo(3);
        assertThat(s.getReplicas()).isEqualTo(3);
        assertThat(s.getUpdatedReplicas()).isEqualTo(3);
        assertThat(s.getAvailableReplicas()).isEqualTo(3);
        assertThat(condition(s, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
        assertThat(condition(s, "Progressing").getMessage()).isEqualTo("ReplicaSet \"web-1\" has successfully progressed.");
        assertThat(condition(s, "Available").getStatus()).isEqualTo("True");
    }

    @Test
    void progressRefreshesLastUpdateTimeAndNoProgressPastTheDeadlineExceedsIt() {
        DeploymentStatus first = RolloutStatus.compute(input(false, rs("web-1", 1, 0), rs("web-0", 3, 3)), null, T0);
        assertThat(condition(first, "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");

        DeploymentStatus progressed = RolloutStatus.compute(input(false, rs("web-1", 1, 1), rs("web-0", 3, 3)), first,
                T0.plusSeconds(100));
        assertThat(condition(progressed, "Progressing").getLastUpdateTime()).isEqualTo(T0.plusSeconds(100).toString());

        DeploymentStatus stuck = RolloutStatus.compute(input(false, rs("web-1", 1, 1), rs("web-0", 3, 3)), progressed,
                T0.plusSeconds(699));
        assertThat(condition(stuck, "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");
        DeploymentStatus exceeded = RolloutStatus.compute(input(false, rs("web-1", 1, 1), rs("web-0", 3, 3)), stuck,
                T0.plusSeconds(701));
        assertThat(condition(exceeded, "Progressing").getStatus()).isEqualTo("False");
        assertThat(condition(exceeded, "Progressing").getReason()).isEqualTo("ProgressDeadlineExceeded");
    }

    @Test
    void aRolloutThatLastFinishedLongAgoDoesNotTimeOutBeforeItHasStarted() {
        // `kubectl rollout restart` hours after the last rollout finished: a sync that sees the new
        // ReplicaSet but still the old status (its creation's status write not yet in the cache)
        DeploymentStatus finished = RolloutStatus.compute(input(false, rs("web-0", 3, 3)), null, T0);
        DeploymentStatus restarted = RolloutStatus.compute(input(false, rs("web-1", 0, 0), rs("web-0", 3, 3)), finished,
                T0.plusSeconds(11 * 3600));
        assertThat(condition(restarted, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(restarted, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");

        // once progress is seen the clock starts from then
        DeploymentStatus progressing = RolloutStatus.compute(input(false, rs("web-1", 1, 0), rs("web-0", 3, 3)), restarted,
                T0.plusSeconds(11 * 3600 + 5));
        assertThat(condition(progressing, "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");
        DeploymentStatus exceeded = RolloutStatus.compute(input(false, rs("web-1", 1, 0), rs("web-0", 3, 3)), progressing,
                T0.plusSeconds(11 * 3600 + 5 + 601));
        assertThat(condition(exceeded, "Progressing").getReason()).isEqualTo("ProgressDeadlineExceeded");
    }

    @Test
    void aPausedDeploymentIsProgressingUnknown() {
        DeploymentStatus s = RolloutStatus.compute(input(true, rs("web-1", 1, 1), rs("web-0", 3, 3)), null, T0);
        assertThat(condition(s, "Progressing").getStatus()).isEqualTo("Unknown");
        assertThat(condition(s, "Progressing").getReason()).isEqualTo("DeploymentPaused");
    }

    @Test
    void belowReplicasMinusMaxUnavailableTheDeploymentIsNotAvailable() {
        DeploymentStatus s = RolloutStatus.compute(input(false, rs("web-1", 3, 2)), null, T0);
        assertThat(condition(s, "Available").getStatus()).isEqualTo("False");
        assertThat(condition(s, "Available").getReason()).isEqualTo("MinimumReplicasUnavailable");
        assertThat(s.getUnavailableReplicas()).isEqualTo(1);
    }
}
