package io.kubelite.replication.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.expectations.Expectations;
import io.kubelite.controller.informer.EventHandler;
import io.kubelite.controller.informer.Indexes;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.replication.ControllerSet;
import io.kubelite.replication.ReplicationProperties;
import io.kubelite.replication.StatusPatch;
import io.kubelite.replication.pods.ApiPodControl;
import io.kubelite.replication.pods.Owners;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The Job controller (Jobs and the pods they own) and the TTL-after-finished controller. */
public final class JobControllers implements ControllerSet {

    private final Informer<Job> jobs;
    private final Informer<Pod> pods;
    private final ReplicationProperties props;
    private final Clock clock;
    private final MeterRegistry meters;
    private final JobReconciler reconciler;
    private final TtlAfterFinished ttl;

    public JobControllers(KubernetesClient client, Informer<Job> jobs, Informer<Pod> pods, ReplicationProperties props,
            EventRecorder events, Clock clock, MeterRegistry meters) {
        this.jobs = jobs;
        this.pods = pods;
        this.props = props;
        this.clock = clock;
        this.meters = meters;
        StatusPatch status = new StatusPatch(client);
        Expectations expectations = new Expectations(clock);
        this.reconciler = new JobReconciler(new JobStore() {
            @Override
            public Optional<Job> get(ObjectKey key) {
                return jobs.lister().get(key);
            }

            @Override
            public List<Pod> podsOwnedBy(String uid) {
                return pods.lister().byIndex(Indexes.OWNER_UID, uid);
            }

            @Override
            public void writeStatus(Job job, JobStatus jobStatus) {
                status.write(job, jobStatus);
            }
        }, new ApiPodControl(client, events), expectations, events, clock);
        this.ttl = new TtlAfterFinished(k -> jobs.lister().get(k), job -> client.batch().v1().jobs()
                .inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND).delete(), clock);
        pods.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                owner(pod).ifPresent(expectations::creationObserved);
            }
        });
    }

    private static Optional<ObjectKey> owner(Pod pod) {
        return Owners.controllerOf(pod).filter(r -> "Job".equals(r.getKind()))
                .map(r -> ObjectKey.of(pod.getMetadata().getNamespace(), r.getName()));
    }

    @Override
    public List<Controller> build() {
        return List.of(ControllerBuilder.named("job").forKind(jobs).owns(pods, "Job").reconciler(reconciler)
                        .workers(props.workers()).clock(clock).meterRegistry(meters).build(),
                ControllerBuilder.named("ttl-after-finished").forKind(jobs).reconciler(ttl)
                        .workers(props.workers()).clock(clock).meterRegistry(meters).build());
    }
}
