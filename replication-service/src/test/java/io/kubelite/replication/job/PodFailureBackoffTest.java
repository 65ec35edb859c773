package io.kubelite.replication.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodFailureBackoffTest {

    static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

    static Pod finished(String name, String phase, Instant at) {
        return new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(T.minusSeconds(60).toString())
                .endMetadata().withNewStatus().withPhase(phase).addNewContainerStatus().withName("c").withNewState()
                .withNewTerminated().withExitCode("Failed".equals(phase) ? 1 : 0).withFinishedAt(at.toString())
                .endTerminated().endState().endContainerStatus().endStatus().build();
    }

    static Pod running(String name) {
        return new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(T.toString()).endMetadata()
                .withNewStatus().withPhase("Running").endStatus().build();
    }

    @Test
    void eachFailureSinceTheLastSuccessDoublesTheWaitFromTheLastFailure() {
        assertThat(PodFailureBackoff.remaining(List.of(), T)).isZero();
        assertThat(PodFailureBackoff.remaining(List.of(running("a")), T)).isZero();
        List<Pod> one = List.of(finished("a", "Failed", T));
        assertThat(PodFailureBackoff.remaining(one, T.plusSeconds(1))).isEqualTo(Duration.ofSeconds(9));
        assertThat(PodFailureBackoff.remaining(one, T.plusSeconds(10))).isZero();
        List<Pod> two = List.of(finished("a", "Failed", T), finished("b", "Failed", T.plusSeconds(10)));
        assertThat(PodFailureBackoff.remaining(two, T.plusSeconds(10))).isEqualTo(Duration.ofSeconds(20));
        List<Pod> three = List.of(two.get(0), two.get(1), finished("c", "Failed", T.plusSeconds(30)));
        assertThat(PodFailureBackoff.remaining(three, T.plusSeconds(30))).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void aSuccessResetsTheCountAndTheWaitIsAtMostSixMinutes() {
        List<Pod> reset = List.of(finished("a", "Failed", T), finished("b", "Failed", T.plusSeconds(10)),
                finished("ok", "Succeeded", T.plusSeconds(15)), finished("c", "Failed", T.plusSeconds(20)));
        assertThat(PodFailureBackoff.remaining(reset, T.plusSeconds(20))).isEqualTo(Duration.ofSeconds(10));
        List<Pod> many = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> finished("p" + i, "Failed", T.plusSeconds(i))).toList();
        assertThat(PodFailureBackoff.remaining(many, T.plusSeconds(11))).isEqualTo(Duration.ofSeconds(360));
    }
}
