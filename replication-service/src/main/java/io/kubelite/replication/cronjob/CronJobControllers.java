package io.kubelite.replication.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Indexes;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.replication.ControllerSet;
import io.kubelite.replication.ReplicationProperties;
import io.kubelite.replication.pods.Owners;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The CronJob controller: CronJobs and the Jobs they start. */
public final class CronJobControllers implements ControllerSet {

    private final Informer<CronJob> cronJobs;
    private final Informer<Job> jobs;
    private final ReplicationProperties props;
    private final Clock clock;
    private final MeterRegistry meters;
    private final CronJobReconciler reconciler;

    public CronJobControllers(KubernetesClient client, Informer<CronJob> cronJobs, Informer<Job> jobs,
            EventRecorder events, ReplicationProperties props, Clock clock, MeterRegistry meters) {
        this.cronJobs = cronJobs;
        this.jobs = jobs;
        this.props = props;
        this.clock = clock;
        this.meters = meters;
        this.reconciler = new CronJobReconciler(new CronJobStore() {
            @Override
            public Optional<CronJob> get(ObjectKey key) {
                return cronJobs.lister().get(key);
            }

            @Override
            public Optional<CronJob> fetch(ObjectKey key) {
                return Optional.ofNullable(client.batch().v1().cronjobs().inNamespace(key.namespace())
                        .withName(key.name()).get());
            }

            @Override
            public List<Job> jobsControlledBy(String namespace, String uid) {
                return jobs.lister().byIndex(Indexes.OWNER_UID, uid).stream()
                        .filter(j -> Owners.isControlledBy(j, uid)).toList();
            }

            @Override
            public void writeStatus(CronJob cronJob, CronJobStatus status) {
                CronJob updated = new CronJobBuilder(cronJob).withStatus(status).build();
                client.batch().v1().cronjobs().inNamespace(cronJob.getMetadata().getNamespace()).resource(updated)
                        .updateStatus();
            }
        }, new ApiJobControl(client), events, clock);
    }

    @Override
    public List<Controller> build() {
        return List.of(ControllerBuilder.named("cronjob").forKind(cronJobs).owns(jobs, "CronJob").reconciler(reconciler)
                .workers(props.workers()).clock(clock).meterRegistry(meters).build());
    }
}
