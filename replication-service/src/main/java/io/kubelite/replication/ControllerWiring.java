package io.kubelite.replication;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.client.ClusterConnection;
import io.kubelite.controller.events.ApiEventRecorder;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Indexes;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.InformerFactory;
import io.kubelite.controller.manager.ControllerManager;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.replication.certificates.CertificateControllers;
import io.kubelite.replication.certificates.CertificateProperties;
import io.kubelite.replication.certificates.SigningCa;
import io.kubelite.replication.deployment.DeploymentControllers;
import io.kubelite.replication.daemonset.DaemonSetControllers;
import io.kubelite.replication.gc.ApiGc;
import io.kubelite.replication.cronjob.CronJobControllers;
import io.kubelite.replication.disruption.DisruptionControllers;
import io.kubelite.replication.job.JobControllers;
import io.kubelite.replication.podgc.PodGcControllers;
import io.kubelite.replication.volume.VolumeControllers;
import io.kubelite.replication.quota.QuotaControllers;
import io.kubelite.replication.rbac.RbacControllers;
import io.kubelite.replication.serviceaccount.ServiceAccountControllers;
import io.kubelite.replication.gc.GarbageCollectors;
import io.kubelite.replication.gc.CollectedKinds;
import io.kubelite.replication.gc.CustomKinds;
import io.kubelite.replication.replicaset.ReplicaControllers;
import io.kubelite.replication.statefulset.StatefulSetControllers;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The controllers of this service on one shared set of informers, run by a
 * {@link ControllerManager} that holds the Lease {@code kube-system/kube-controller-manager}.
 */
@Configuration(proxyBeanMethods = false)
class ControllerWiring {

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(ClusterConnection connection) {
        return connection.newClient("replication-service");
    }

    @Bean
    ClusterConnection clusterConnection() {
        return ClusterConnection.fromEnvironment();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    InformerFactory informerFactory(KubernetesClient client, ClusterConnection connection, ReplicationProperties props) {
        return new InformerFactory(client, connection.kafkaBootstrapServers(), props.resyncPeriod());
    }

    @Bean
    Informer<Pod> podInformer(InformerFactory informers) {
        Informer<Pod> pods = informers.informerFor(Pod.class);
        pods.addIndex(Indexes.NODE_NAME, Indexes::nodeName);
        return pods;
    }

    @Bean
    ReplicaControllers replicaControllers(KubernetesClient client, InformerFactory informers, Informer<Pod> pods,
            ReplicationProperties props, @Qualifier("replicaSetEventRecorder") EventRecorder replicaSetEvents,
            @Qualifier("replicationControllerEventRecorder") EventRecorder replicationControllerEvents, Clock clock,
            MeterRegistry meters) {
        return new ReplicaControllers(client, informers.informerFor(ReplicaSet.class),
                informers.informerFor(ReplicationController.class), pods, props, replicaSetEvents,
                replicationControllerEvents, clock, meters);
    }

    @Bean(destroyMethod = "close")
    ApiEventRecorder replicaSetEventRecorder(KubernetesClient client, Clock clock) {
        return new ApiEventRecorder(client, "replicaset-controller", "", clock);
    }

    @Bean(destroyMethod = "close")
    ApiEventRecorder replicationControllerEventRecorder(KubernetesClient client, Clock clock) {
        return new ApiEventRecorder(client, "replication-controller", "", clock);
    }

    @Bean(destroyMethod = "close")
    ApiEventRecorder jobEventRecorder(KubernetesClient client, Clock clock) {
        return new ApiEventRecorder(client, "job-controller", "", clock);
    }

    @Bean(destroyMethod = "close")
    ApiEventRecorder daemonSetEventRecorder(KubernetesClient client, Clock clock) {
        return new ApiEventRecorder(client, "daemonset-controller", "", clock);
    }

    @Bean
    DeploymentControllers deploymentControllers(KubernetesClient client, InformerFactory informers,
            ReplicationProperties props, EventRecorder events, Clock clock, MeterRegistry meters) {
        return new DeploymentControllers(client, informers.informerFor(Deployment.class),
                informers.informerFor(ReplicaSet.class), props, events, clock, meters);
    }

    @Bean(destroyMethod = "close")
    @Primary
    ApiEventRecorder eventRecorder(KubernetesClient client, Clock clock) {
        return new ApiEventRecorder(client, "deployment-controller", "", clock);
    }

    @Bean(destroyMethod = "close")
    ApiEventRecorder cronJobEventRecorder(KubernetesClient client, Clock clock) {
        return new ApiEventRecorder(client, "cronjob-controller", "", clock);
    }

    @Bean
    JobControllers jobControllers(KubernetesClient client, InformerFactory informers, Informer<Pod> pods,
            ReplicationProperties props, @Qualifier("jobEventRecorder") EventRecorder events, Clock clock,
            MeterRegistry meters) {
        return new JobControllers(client, informers.informerFor(Job.class), pods, props, events, clock, meters);
    }

    @Bean
    CronJobControllers cronJobControllers(KubernetesClient client, InformerFactory informers,
            @Qualifier("cronJobEventRecorder") EventRecorder events, ReplicationProperties props, Clock clock,
            MeterRegistry meters) {
        return new CronJobControllers(client, informers.informerFor(CronJob.class), informers.informerFor(Job.class),
                events, props, clock, meters);
    }

    @Bean(destroyMethod = "close")
    ApiEventRecorder statefulSetEventRecorder(KubernetesClient client, Clock clock) {
        return new ApiEventRecorder(client, "statefulset-controller", "", clock);
    }

    @Bean
    StatefulSetControllers statefulSetControllers(KubernetesClient client, InformerFactory informers, Informer<Pod> pods,
            @Qualifier("statefulSetEventRecorder") EventRecorder events, ReplicationProperties props, Clock clock,
            MeterRegistry meters) {
        return new StatefulSetControllers(client, informers.informerFor(StatefulSet.class), pods,
                informers.informerFor(ControllerRevision.class), informers.informerFor(PersistentVolumeClaim.class), events,
                props, clock, meters);
    }

    @Bean(destroyMethod = "close")
    ApiEventRecorder disruptionEventRecorder(KubernetesClient client, Clock clock) {
        return new ApiEventRecorder(client, "controllermanager", "", clock);
    }

    @Bean
    DisruptionControllers disruptionControllers(KubernetesClient client, InformerFactory informers, Informer<Pod> pods,
            @Qualifier("disruptionEventRecorder") EventRecorder events, ReplicationProperties props, Clock clock,
            MeterRegistry meters) {
        return new DisruptionControllers(client, informers.informerFor(PodDisruptionBudget.class), pods,
                informers.informerFor(ReplicationController.class), informers.informerFor(ReplicaSet.class),
                informers.informerFor(Deployment.class), informers.informerFor(StatefulSet.class), events, props, clock, meters);
    }

    @Bean
    DaemonSetControllers daemonSetControllers(KubernetesClient client, InformerFactory informers, Informer<Pod> pods,
            ReplicationProperties props, @Qualifier("daemonSetEventRecorder") EventRecorder events, Clock clock,
            MeterRegistry meters) {
        return new DaemonSetControllers(client, informers.informerFor(DaemonSet.class), pods,
                informers.informerFor(Node.class), informers.informerFor(ControllerRevision.class), props, events, clock,
                meters);
    }

    @Bean
    GarbageCollectors garbageCollectors(KubernetesClient client, InformerFactory informers, Informer<Pod> pods,
            ReplicationProperties props, Clock clock, MeterRegistry meters) {
        GarbageCollectors collectors = new GarbageCollectors(CollectedKinds.of(informers, pods),
                new ApiGc(client), clock, meters, props.gcForeignOwnerRecheck());
        informers.informerFor(CustomResourceDefinition.class).addEventHandler(new CustomKinds(informers, collectors));
        return collectors;
    }

    @Bean
    VolumeControllers volumeControllers(KubernetesClient client, InformerFactory informers, EventRecorder events,
            ReplicationProperties props, Clock clock, MeterRegistry meters) {
        return new VolumeControllers(client, informers.informerFor(PersistentVolumeClaim.class),
                informers.informerFor(PersistentVolume.class),
                informers.informerFor(io.fabric8.kubernetes.api.model.storage.StorageClass.class), events,
                props.volumeDirectory(), clock, meters);
    }

    @Bean
    PodGcControllers podGcControllers(KubernetesClient client, InformerFactory informers, Informer<Pod> pods,
            ReplicationProperties props, Clock clock, MeterRegistry meters) {
        return new PodGcControllers(client, pods, informers.informerFor(Node.class), props, clock, meters);
    }

    @Bean
    ServiceAccountControllers serviceAccountControllers(KubernetesClient client, InformerFactory informers,
            ClusterConnection connection, Clock clock, MeterRegistry meters) throws IOException {
        String caPem = connection.caFile() == null ? "" : Files.readString(Path.of(connection.caFile()));
        return new ServiceAccountControllers(client, informers.informerFor(Namespace.class),
                informers.informerFor(ServiceAccount.class), informers.informerFor(ConfigMap.class), caPem, clock, meters);
    }

    @Bean
    RbacControllers rbacControllers(KubernetesClient client, InformerFactory informers, Clock clock, MeterRegistry meters) {
        return new RbacControllers(client, informers.informerFor(ClusterRole.class), clock, meters);
    }

    @Bean
    QuotaControllers quotaControllers(KubernetesClient client, InformerFactory informers, Informer<Pod> pods,
            ReplicationProperties props, Clock clock, MeterRegistry meters) {
        return new QuotaControllers(client, informers.informerFor(ResourceQuota.class), pods,
                informers.informerFor(ReplicationController.class), informers.informerFor(ReplicaSet.class),
                informers.informerFor(Deployment.class), informers.informerFor(DaemonSet.class),
                informers.informerFor(Job.class), props.quotaRecount(), clock, meters);
    }

    /** Fails start-up when a signing file is set but cannot serve as the CA (the message names the file). */
    @Bean
    CertificateControllers certificateControllers(KubernetesClient client, InformerFactory informers,
            CertificateProperties props, Clock clock, MeterRegistry meters) {
        return new CertificateControllers(client, informers.informerFor(CertificateSigningRequest.class),
                SigningCa.configured(props), props, clock, meters);
    }

    @Bean(destroyMethod = "close")
    ControllerManager controllerManager(KubernetesClient client, InformerFactory informers, ReplicationProperties props,
            List<ControllerSet> sets, GarbageCollectors collectors) {
        ControllerManager manager = new ControllerManager("replication-service", client, informers, props.leaseName(),
                () -> {
                    List<Controller> controllers = new ArrayList<>();
                    sets.forEach(s -> controllers.addAll(s.build()));
                    return controllers;
                });
        collectors.adopter(manager::adopt);
        manager.startInBackground();
        return manager;
    }
}
