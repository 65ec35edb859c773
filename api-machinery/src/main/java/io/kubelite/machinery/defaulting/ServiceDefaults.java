package io.kubelite.machinery.defaulting;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Service defaults (core/v1 {@code SetDefaults_Service}) plus the IP family fields the service
 * registry fills on a single-stack IPv4 cluster. Cluster IPs themselves are allocated elsewhere.
 */
final class ServiceDefaults {

    static final int CLIENT_IP_TIMEOUT_SECONDS = 10800;

    private ServiceDefaults() {
    }

    static void service(Service service) {
        if (service.getSpec() == null) {
            service.setSpec(new ServiceSpec());
        }
        ServiceSpec spec = service.getSpec();
        if (ContainerDefaults.isEmpty(spec.getSessionAffinity())) {
            spec.setSessionAffinity("None");
        }
        if (spec.getSessionAffinity().equals("None")) {
            spec.setSessionAffinityConfig(null);
        }
        if (ContainerDefaults.isEmpty(spec.getType())) {
            spec.setType("ClusterIP");
        }
        String type = spec.getType();
        for (ServicePort port : ContainerDefaults.orEmpty(spec.getPorts())) {
            if (ContainerDefaults.isEmpty(port.getProtocol())) {
                port.setProtocol("TCP");
            }
            IntOrString target = port.getTargetPort();
            boolean unset = target == null || (target.getIntVal() == null || target.getIntVal() == 0)
                    && (target.getStrVal() == null || target.getStrVal().isEmpty());
            if (unset && port.getPort() != null) {
                port.setTargetPort(new IntOrString(port.getPort()));
            }
        }
        boolean externallyAccessible = type.equals("NodePort") || type.equals("LoadBalancer")
                || type.equals("ClusterIP") && spec.getExternalIPs() != null && !spec.getExternalIPs().isEmpty();
        if (externallyAccessible && ContainerDefaults.isEmpty(spec.getExternalTrafficPolicy())) {
            spec.setExternalTrafficPolicy("Cluster");
        }
        if (spec.getInternalTrafficPolicy() == null && !type.equals("ExternalName")) {
            spec.setInternalTrafficPolicy("Cluster");
        }
        if (type.equals("LoadBalancer") && spec.getAllocateLoadBalancerNodePorts() == null) {
            spec.setAllocateLoadBalancerNodePorts(true);
        }
        if (spec.getSessionAffinity().equals("ClientIP")) {
            clientIpTimeout(spec);
        }
        ipFamilies(spec, type);
    }

    /** Headless services without a selector ask for dual stack; every other non-ExternalName service is single-stack IPv4. */
    private static void ipFamilies(ServiceSpec spec, String type) {
        if (type.equals("ExternalName")) {
            return;
        }
        if (spec.getIpFamilyPolicy() == null) {
            List<String> families = spec.getIpFamilies();
            boolean headlessWithoutSelector = "None".equals(spec.getClusterIP())
                    && (spec.getSelector() == null || spec.getSelector().isEmpty());
            boolean dual = families != null && families.size() == 2;
            spec.setIpFamilyPolicy(headlessWithoutSelector || dual ? "RequireDualStack" : "SingleStack");
        }
        if (spec.getIpFamilies() == null || spec.getIpFamilies().isEmpty()) {
            spec.setIpFamilies(new ArrayList<>(List.of("IPv4")));
        }
    }

    private static void clientIpTimeout(ServiceSpec spec) {
        if (spec.getSessionAffinityConfig() == null) {
            spec.setSessionAffinityConfig(new SessionAffinityConfig());
        }
        if (spec.getSessionAffinityConfig().getClientIP() == null) {
            spec.getSessionAffinityConfig().setClientIP(new ClientIPConfig());
        }
        if (spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds() == null) {
            spec.getSessionAffinityConfig().getClientIP().setTimeoutSeconds(CLIENT_IP_TIMEOUT_SECONDS);
        }
    }

    static void endpoints(Endpoints endpoints) {
        for (EndpointSubset subset : ContainerDefaults.orEmpty(endpoints.getSubsets())) {
            for (EndpointPort port : ContainerDefaults.orEmpty(subset.getPorts())) {
                if (ContainerDefaults.isEmpty(port.getProtocol())) {
                    port.setProtocol("TCP");
                }
            }
        }
    }

    /**
     * A NetworkPolicy as kube-apiserver defaults it: ports without a protocol are TCP, and without
     * {@code policyTypes} the policy is of type Ingress, plus Egress when it has egress rules.
     */
    static void networkPolicy(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy policy) {
        var spec = policy.getSpec();
        if (spec == null) {
            return;
        }
        if (spec.getIngress() != null) {
            spec.getIngress().forEach(rule -> defaultProtocols(rule.getPorts()));
        }
        if (spec.getEgress() != null) {
            spec.getEgress().forEach(rule -> defaultProtocols(rule.getPorts()));
        }
        if (spec.getPolicyTypes() == null || spec.getPolicyTypes().isEmpty()) {
            java.util.List<String> types = new java.util.ArrayList<>(java.util.List.of("Ingress"));
            if (spec.getEgress() != null && !spec.getEgress().isEmpty()) {
                types.add("Egress");
            }
            spec.setPolicyTypes(types);
        }
    }

    private static void defaultProtocols(java.util.List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort> ports) {
        if (ports != null) {
            ports.stream().filter(p -> p.getProtocol() == null || p.getProtocol().isEmpty()).forEach(p -> p.setProtocol("TCP"));
        }
    }
}
