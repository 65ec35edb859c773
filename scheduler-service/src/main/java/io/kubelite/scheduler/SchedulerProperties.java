package io.kubelite.scheduler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the scheduler and the node lifecycle controller; defaults follow kube-scheduler and
 * kube-controller-manager except where noted.
 *
 * @param schedulerNames           the {@code spec.schedulerName}s this scheduler places
 * @param leaseName                the Lease in kube-system the replicas elect a leader on
 * @param percentageOfNodesToScore 0: Kubernetes' adaptive share (50 % minus 1 % per 125 nodes, at least 5 %
 *                                 and 100 nodes); 100: every node
 * @param maxInFlightBindings      bindings sent but not yet answered; the scheduler waits beyond this
 * @param unschedulableRetry       the longest an unschedulable pod waits for a cluster change before it is
 *                                 tried again anyway (kube-scheduler's podMaxInUnschedulablePodsDuration, 5m)
 * @param resyncPeriod             how often the informers replay every cached object
 * @param nodeMonitorGracePeriod   a node whose Lease (and Ready heartbeat) is older than this becomes
 *                                 Ready=Unknown and is tainted unreachable (kubelite: 20s; Kubernetes: 40s)
 * @param podEvictionTimeout       how long pods stay on an unreachable node when they carry only the
 *                                 API server's default toleration (kubelite: 10s; Kubernetes: 300s)
 */
@ConfigurationProperties("kubelite.scheduler")
public record SchedulerProperties(
        @DefaultValue("default-scheduler") List<String> schedulerNames,
        @DefaultValue("kube-scheduler") String leaseName,
        @DefaultValue("0") int percentageOfNodesToScore,
        @DefaultValue("256") int maxInFlightBindings,
        @DefaultValue("5m") Duration unschedulableRetry,
        @DefaultValue("10m") Duration resyncPeriod,
        @DefaultValue("20s") Duration nodeMonitorGracePeriod,
        @DefaultValue("10s") Duration podEvictionTimeout) {
}
