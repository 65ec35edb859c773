package io.kubelite.replication.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.controller.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TtlAfterFinishedTest {

    static final ObjectKey KEY = ObjectKey.of("default", "pi");

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:30Z"));
    final List<String> deleted = new ArrayList<>();
    Job job;
    final TtlAfterFinished ttl = new TtlAfterFinished(k -> Optional.ofNullable(job), j -> deleted.add(j.getMetadata().getName()),
            clock);

    static Job job(Integer ttl, String condition) {
        JobBuilder b = new JobBuilder().withNewMetadata().withName("pi").withNamespace("default").endMetadata()
                .withNewSpec().withTtlSecondsAfterFinished(ttl).endSpec();
        if (condition != null) {
            b.withNewStatus().addNewCondition().withType(condition).withStatus("True")
                    .withLastTransitionTime("2026-11-27T10:00:00Z").endCondition().endStatus();
        }
        return b.build();
    }

    @Test
    void aFinishedJobGoesItsTtlAfterItFinished() {
        job = job(100, "Complete");

        assertThat(ttl.reconcile(KEY)).isEqualTo(Result.requeueAfter(Duration.ofSeconds(70)));
        assertThat(deleted).isEmpty();

        clock.advance(Duration.ofSeconds(70));
        assertThat(ttl.reconcile(KEY)).isEqualTo(Result.done());
        assertThat(deleted).containsExactly("pi");
    }

    @Test
    void aFailedJobWithTtlZeroGoesAtOnce() {
        job = job(0, "Failed");

        ttl.reconcile(KEY);

        assertThat(deleted).containsExactly("pi");
    }

    @Test
    void aRunningJobOrOneWithoutTtlStays() {
        job = job(10, null);
        assertThat(ttl.reconcile(KEY)).isEqualTo(Result.done());
        job = job(null, "Complete");
        assertThat(ttl.reconcile(KEY)).isEqualTo(Result.done());

        assertThat(deleted).isEmpty();
    }
}
