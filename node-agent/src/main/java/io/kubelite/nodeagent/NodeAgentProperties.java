package io.kubelite.nodeagent;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The node agent's settings ({@code kubelite.node.*}); defaults are Kubernetes' kubelet defaults
 * where it has one. Every key is listed in the README's configuration table.
 *
 * @param name            the Node's name (KUBELITE_NODE_NAME)
 * @param clusterId       labels every container, so clusters sharing one Docker engine never touch
 *                        each other's containers; empty = derived from the state directory
 * @param runtime         docker, or simulated (instant containers, no Docker; for benchmarks)
 * @param simulatedCount  nodes this JVM hosts with the simulated runtime: name-1 … name-N
 * @param stateDir        volumes and pod directories; empty = ./node-agent/&lt;name&gt; under the working directory
 * @param cpu             capacity cpu; empty = the host's
 * @param memory          capacity memory; empty = the host's
 * @param workers         pods synced at once; a sync may wait out a container's grace period
 * @param staticPodPath   directory of static pod manifests (mirror pods in the API); empty = none
 * @param clusterDomain the cluster's DNS domain, the search path of pods with dnsPolicy ClusterFirst
 *                      (the kubelet's --cluster-domain); their nameserver is kube-system/kube-dns's ClusterIP
 * @param imagePulls      whether the agent may ask the engine to pull images from a registry; off by
 *                        default, so nothing leaves the machine: a missing image is ErrImagePull at once
 */
@ConfigurationProperties("kubelite.node")
public record NodeAgentProperties(
        @DefaultValue("node-1") String name,
        @DefaultValue("") String clusterId,
        @DefaultValue("docker") String runtime,
        @DefaultValue("1") int simulatedCount,
        @DefaultValue("unix:///var/run/docker.sock") String dockerHost,
        @DefaultValue("") String stateDir,
        @DefaultValue("kubelite/pause:3.10") String pauseImage,
        @DefaultValue("/bin/busybox") String busyboxPath,
        @DefaultValue("127.0.0.1") String address,
        @DefaultValue Map<String, String> labels,
        @DefaultValue("") String cpu,
        @DefaultValue("") String memory,
        @DefaultValue("110") int maxPods,
        @DefaultValue("40s") Duration leaseDuration,
        @DefaultValue("10s") Duration leaseRenewInterval,
        @DefaultValue("1m") Duration statusReportInterval,
        @DefaultValue("1s") Duration relistInterval,
        @DefaultValue("10s") Duration syncInterval,
        @DefaultValue("5s") Duration metricsInterval,
        @DefaultValue("kubelite.metrics.pods") String metricsTopic,
        @DefaultValue("16") int workers,
        @DefaultValue("false") boolean imagePulls,
        @DefaultValue("") String staticPodPath,
        @DefaultValue("cluster.local") String clusterDomain) {
}
