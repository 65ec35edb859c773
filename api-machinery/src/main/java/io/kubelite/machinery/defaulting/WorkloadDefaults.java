package io.kubelite.machinery.defaulting;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Defaults of the workload controllers (core/v1 ReplicationController, apps/v1, batch/v1 Job and CronJob). */
final class WorkloadDefaults {

    static final int REVISION_HISTORY_LIMIT = 10;
    static final int PROGRESS_DEADLINE_SECONDS = 600;
    static final int JOB_BACKOFF_LIMIT = 6;
    static final int CRON_JOB_SUCCESSFUL_HISTORY = 3;
    static final int CRON_JOB_FAILED_HISTORY = 1;

    private WorkloadDefaults() {
    }

    /** The selector and the object's labels both default to the template's labels. */
    static void replicationController(ReplicationController rc) {
        if (rc.getSpec() == null) {
            rc.setSpec(new ReplicationControllerSpec());
        }
        ReplicationControllerSpec spec = rc.getSpec();
        Map<String, String> labels = spec.getTemplate() == null || spec.getTemplate().getMetadata() == null
                ? null : spec.getTemplate().getMetadata().getLabels();
        if (labels != null) {
            if (spec.getSelector() == null || spec.getSelector().isEmpty()) {
                spec.setSelector(new LinkedHashMap<>(labels));
            }
            labelsFromTemplate(rc.getMetadata(), labels, rc::setMetadata);
        }
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        PodSpecDefaults.template(spec.getTemplate());
    }

    static void replicaSet(ReplicaSet rs) {
        if (rs.getSpec() == null) {
            rs.setSpec(new io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec());
        }
        if (rs.getSpec().getReplicas() == null) {
            rs.getSpec().setReplicas(1);
        }
        PodSpecDefaults.template(rs.getSpec().getTemplate());
    }

    /** Rolling updates by default, with up to 25% extra pods and 25% unavailable pods at any time. */
    static void deployment(Deployment deployment) {
        if (deployment.getSpec() == null) {
            deployment.setSpec(new DeploymentSpec());
        }
        DeploymentSpec spec = deployment.getSpec();
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getStrategy() == null) {
            spec.setStrategy(new DeploymentStrategy());
        }
        DeploymentStrategy strategy = spec.getStrategy();
        if (ContainerDefaults.isEmpty(strategy.getType())) {
            strategy.setType("RollingUpdate");
        }
        if (strategy.getType().equals("RollingUpdate")) {
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateDeployment());
            }
            RollingUpdateDeployment rolling = strategy.getRollingUpdate();
            if (rolling.getMaxUnavailable() == null) {
                rolling.setMaxUnavailable(new IntOrString("25%"));
            }
            if (rolling.getMaxSurge() == null) {
                rolling.setMaxSurge(new IntOrString("25%"));
            }
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(REVISION_HISTORY_LIMIT);
        }
        if (spec.getProgressDeadlineSeconds() == null) {
            spec.setProgressDeadlineSeconds(PROGRESS_DEADLINE_SECONDS);
        }
        PodSpecDefaults.template(spec.getTemplate());
    }

    /** Rolling updates by default, replacing one node's pod at a time without surging. */
    static void daemonSet(DaemonSet daemonSet) {
        if (daemonSet.getSpec() == null) {
            daemonSet.setSpec(new DaemonSetSpec());
        }
        DaemonSetSpec spec = daemonSet.getSpec();
        if (spec.getUpdateStrategy() == null) {
            spec.setUpdateStrategy(new DaemonSetUpdateStrategy());
        }
        DaemonSetUpdateStrategy strategy = spec.getUpdateStrategy();
        if (ContainerDefaults.isEmpty(strategy.getType())) {
            strategy.setType("RollingUpdate");
        }
        if (strategy.getType().equals("RollingUpdate")) {
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateDaemonSet());
            }
            RollingUpdateDaemonSet rolling = strategy.getRollingUpdate();
            if (rolling.getMaxUnavailable() == null) {
                rolling.setMaxUnavailable(new IntOrString(1));
            }
            if (rolling.getMaxSurge() == null) {
                rolling.setMaxSurge(new IntOrString(0));
            }
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(REVISION_HISTORY_LIMIT);
        }
        PodSpecDefaults.template(spec.getTemplate());
    }

    /**
     * A StatefulSet of one pod, started and stopped in order, rolled out by RollingUpdate from
     * the highest ordinal down (partition 0), keeping its claims when scaled down or deleted, and
     * 10 revisions. Its claim templates get a claim's defaults (Filesystem, Pending), as in Kubernetes.
     */
    static void statefulSet(StatefulSet statefulSet) {
        if (statefulSet.getSpec() == null) {
            statefulSet.setSpec(new StatefulSetSpec());
        }
        StatefulSetSpec spec = statefulSet.getSpec();
        if (ContainerDefaults.isEmpty(spec.getPodManagementPolicy())) {
            spec.setPodManagementPolicy("OrderedReady");
        }
        if (spec.getUpdateStrategy() == null) {
            spec.setUpdateStrategy(new StatefulSetUpdateStrategy());
        }
        StatefulSetUpdateStrategy strategy = spec.getUpdateStrategy();
        if (ContainerDefaults.isEmpty(strategy.getType())) {
            strategy.setType("RollingUpdate");
        }
        if (strategy.getType().equals("RollingUpdate")) {
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateStatefulSetStrategy());
            }
            if (strategy.getRollingUpdate().getPartition() == null) {
                strategy.getRollingUpdate().setPartition(0);
            }
        }
        if (spec.getPersistentVolumeClaimRetentionPolicy() == null) {
            spec.setPersistentVolumeClaimRetentionPolicy(new StatefulSetPersistentVolumeClaimRetentionPolicy());
        }
        var retention = spec.getPersistentVolumeClaimRetentionPolicy();
        if (ContainerDefaults.isEmpty(retention.getWhenDeleted())) {
            retention.setWhenDeleted("Retain");
        }
        if (ContainerDefaults.isEmpty(retention.getWhenScaled())) {
            retention.setWhenScaled("Retain");
        }
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(REVISION_HISTORY_LIMIT);
        }
        if (spec.getVolumeClaimTemplates() != null) {
            spec.getVolumeClaimTemplates().forEach(StorageDefaults::claim);
        }
        PodSpecDefaults.template(spec.getTemplate());
    }

    /** A job with neither completions nor parallelism runs one pod to completion once. */
    static void job(Job job) {
        if (job.getSpec() == null) {
            job.setSpec(new JobSpec());
        }
        JobSpec spec = job.getSpec();
        if (spec.getCompletions() == null && spec.getParallelism() == null) {
            spec.setCompletions(1);
            spec.setParallelism(1);
        }
        if (spec.getParallelism() == null) {
            spec.setParallelism(1);
        }
        if (spec.getBackoffLimit() == null) {
            spec.setBackoffLimit(spec.getBackoffLimitPerIndex() != null ? Integer.MAX_VALUE : JOB_BACKOFF_LIMIT);
        }
        if (spec.getTemplate() != null && spec.getTemplate().getMetadata() != null
                && spec.getTemplate().getMetadata().getLabels() != null) {
            labelsFromTemplate(job.getMetadata(), spec.getTemplate().getMetadata().getLabels(), job::setMetadata);
        }
        if (spec.getCompletionMode() == null) {
            spec.setCompletionMode("NonIndexed");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getPodReplacementPolicy() == null) {
            spec.setPodReplacementPolicy(spec.getPodFailurePolicy() != null ? "Failed" : "TerminatingOrFailed");
        }
        PodSpecDefaults.template(spec.getTemplate());
    }

    /**
     * A CronJob runs jobs concurrently, is not suspended, and keeps its last 3 successful and its
     * last failed Job. Its job template gets the pod template's defaults but none of a Job's
     * (kube-apiserver defaults those when the controller creates each Job).
     */
    static void cronJob(CronJob cronJob) {
        if (cronJob.getSpec() == null) {
            cronJob.setSpec(new CronJobSpec());
        }
        CronJobSpec spec = cronJob.getSpec();
        if (ContainerDefaults.isEmpty(spec.getConcurrencyPolicy())) {
            spec.setConcurrencyPolicy("Allow");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getSuccessfulJobsHistoryLimit() == null) {
            spec.setSuccessfulJobsHistoryLimit(CRON_JOB_SUCCESSFUL_HISTORY);
        }
        if (spec.getFailedJobsHistoryLimit() == null) {
            spec.setFailedJobsHistoryLimit(CRON_JOB_FAILED_HISTORY);
        }
        if (spec.getJobTemplate() != null && spec.getJobTemplate().getSpec() != null) {
            PodSpecDefaults.template(spec.getJobTemplate().getSpec().getTemplate());
        }
    }

    private static void labelsFromTemplate(ObjectMeta meta, Map<String, String> labels,
                                           java.util.function.Consumer<ObjectMeta> setMeta) {
        ObjectMeta m = meta;
        if (m == null) {
            m = new ObjectMeta();
            setMeta.accept(m);
        }
        if (m.getLabels() == null || m.getLabels().isEmpty()) {
            m.setLabels(new LinkedHashMap<>(labels));
        }
    }
}
