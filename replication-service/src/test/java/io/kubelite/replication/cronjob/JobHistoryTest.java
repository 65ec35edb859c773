package io.kubelite.replication.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JobHistoryTest {

    static Job job(String name, String condition, String started) {
        JobBuilder b = new JobBuilder().withNewMetadata().withName(name).endMetadata();
        if (condition == null) {
            return b.withNewStatus().withStartTime(started).endStatus().build();
        }
        return b.withNewStatus().withStartTime(started).addNewCondition().withType(condition).withStatus("True")
                .endCondition().endStatus().build();
    }

    static List<String> names(List<Job> jobs) {
        return jobs.stream().map(j -> j.getMetadata().getName()).toList();
    }

    @Test
    void keepsTheNewestOfEachEndAndNeverARunningJob() {
        List<Job> jobs = List.of(
                job("c3", "Complete", "2026-11-27T10:03:00Z"),
                job("c1", "Complete", "2026-11-27T10:01:00Z"),
                job("c2", "Complete", "2026-11-27T10:02:00Z"),
                job("f1", "Failed", "2026-11-27T10:01:30Z"),
                job("f2", "Failed", "2026-11-27T10:02:30Z"),
                job("r0", null, "2026-11-27T09:00:00Z"));

        assertThat(names(JobHistory.beyondLimits(jobs, 1, 1))).containsExactly("c1", "c2", "f1");
        assertThat(names(JobHistory.beyondLimits(jobs, 3, 1))).containsExactly("f1");
        assertThat(names(JobHistory.beyondLimits(jobs, 0, 0))).containsExactly("c1", "c2", "c3", "f1", "f2");
    }

    @Test
    void noLimitKeepsEverything() {
        List<Job> jobs = List.of(job("c1", "Complete", "2026-11-27T10:01:00Z"), job("f1", "Failed", "2026-11-27T10:01:30Z"));

        assertThat(JobHistory.beyondLimits(jobs, null, null)).isEmpty();
    }

    @Test
    void aJobThatNeverStartedCountsAsNewestAndTiesGoByName() {
        List<Job> jobs = List.of(
                job("b", "Failed", null),
                job("z", "Failed", "2026-11-27T10:00:00Z"),
                job("a", "Failed", "2026-11-27T10:00:00Z"));

        assertThat(names(JobHistory.beyondLimits(jobs, null, 1))).containsExactly("a", "z");
    }
}
