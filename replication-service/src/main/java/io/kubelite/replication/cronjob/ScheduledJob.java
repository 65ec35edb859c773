package io.kubelite.replication.cronjob;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.kubelite.replication.pods.Owners;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Job a CronJob starts for one activation. Its name is the CronJob's and the activation's
 * minute since the epoch ({@code hello-29929562} for 2026-11-27T10:02Z), so a second attempt for
 * the same activation — after a crash, or from a stale cache — meets the first one instead of
 * starting another.
 */
final class ScheduledJob {

    /** When the Job was due, RFC 3339 in the CronJob's time zone. */
    static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private ScheduledJob() {
    }

    static String name(CronJob cronJob, Instant scheduled) {
        return cronJob.getMetadata().getName() + "-" + Math.floorDiv(scheduled.getEpochSecond(), 60);
    }

    /** The job template's labels, annotations and spec, owned by the CronJob. */
    static Job forActivation(CronJob cronJob, Instant scheduled, ZoneId zone) {
        ObjectMeta template = cronJob.getSpec().getJobTemplate().getMetadata();
        Map<String, String> labels = new LinkedHashMap<>(template == null || template.getLabels() == null
                ? Map.of() : template.getLabels());
        Map<String, String> annotations = new LinkedHashMap<>(template == null || template.getAnnotations() == null
                ? Map.of() : template.getAnnotations());
        annotations.put(SCHEDULED_TIMESTAMP, RFC3339.format(scheduled.atZone(zone)));
        JobSpec spec = new JobSpecBuilder(cronJob.getSpec().getJobTemplate().getSpec()).build();
        return new JobBuilder().withNewMetadata()
                .withName(name(cronJob, scheduled))
                .withNamespace(cronJob.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(Owners.controllerRef("batch/v1", "CronJob", cronJob.getMetadata().getName(),
                        cronJob.getMetadata().getUid()))
                .endMetadata()
                .withSpec(spec)
                .build();
    }
}
