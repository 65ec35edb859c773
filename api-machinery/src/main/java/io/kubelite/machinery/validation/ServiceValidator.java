package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Service specs. Node ports come from the range 30000-32767 and only exist for NodePort and
 * LoadBalancer services; a headless service ({@code clusterIP: None}) may omit ports.
 */
final class ServiceValidator {

    static final int NODE_PORT_MIN = 30000;
    static final int NODE_PORT_MAX = 32767;
    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final List<String> AFFINITIES = List.of("ClientIP", "None");
    private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
    private static final List<String> IP_FAMILY_POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
    private static final List<String> IP_FAMILIES = List.of("IPv4", "IPv6");
    private static final int KUBELET_PORT = 10250;

    private ServiceValidator() {
    }

    static List<FieldError> validate(Service service) {
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        List<FieldError> errs = new ArrayList<>();
        String type = Checks.or(spec.getType(), "ClusterIP");
        boolean headless = "None".equals(spec.getClusterIP());
        List<ServicePort> ports = Checks.orEmpty(spec.getPorts());
        FieldPath portsPath = SPEC.child("ports");
        if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
            errs.add(FieldError.required(portsPath, ""));
        }
        switch (type) {
            case "LoadBalancer", "NodePort" -> {
                for (int i = 0; i < ports.size(); i++) {
                    Integer port = ports.get(i).getPort();
                    if (type.equals("LoadBalancer") && port != null && port == KUBELET_PORT) {
                        errs.add(FieldError.invalid(portsPath.index(i), port,
                                "may not expose port " + KUBELET_PORT + " externally since it is used by kubelet"));
                    }
                }
                if (headless) {
                    errs.add(FieldError.invalid(SPEC.child("clusterIPs").index(0), "None",
                            "may not be set to 'None' for " + type + " services"));
                }
            }
            case "ExternalName" -> {
                String cname = MetaValidator.nullToEmpty(spec.getExternalName());
                cname = cname.endsWith(".") ? cname.substring(0, cname.length() - 1) : cname;
                if (cname.isEmpty()) {
                    errs.add(FieldError.required(SPEC.child("externalName"), ""));
                } else {
                    String name = cname;
                    NameRules.isDns1123Subdomain(name).forEach(msg -> errs.add(FieldError.invalid(SPEC.child("externalName"), name, msg)));
                }
            }
            default -> {
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            errs.addAll(port(ports.get(i), ports.size() > 1, names, portsPath.index(i)));
        }
        errs.addAll(MetaValidator.labels(spec.getSelector(), SPEC.child("selector")));
        String affinity = Checks.or(spec.getSessionAffinity(), "None");
        if (!AFFINITIES.contains(affinity)) {
            errs.add(FieldError.notSupported(SPEC.child("sessionAffinity"), affinity, AFFINITIES));
        } else if (affinity.equals("ClientIP")) {
            errs.addAll(clientIpTimeout(spec));
        }
        if (!TYPES.contains(type)) {
            errs.add(FieldError.notSupported(SPEC.child("type"), type, TYPES));
        }
        errs.addAll(nodePorts(type, ports, portsPath));
        errs.addAll(duplicatePorts(ports, portsPath));
        errs.addAll(policies(spec, type));
        return errs;
    }

    private static List<FieldError> port(ServicePort sp, boolean requireName, Set<String> names, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String name = MetaValidator.nullToEmpty(sp.getName());
        if (requireName && name.isEmpty()) {
            errs.add(FieldError.required(path.child("name"), ""));
        } else if (!name.isEmpty()) {
            NameRules.isDns1123Label(name).forEach(msg -> errs.add(FieldError.invalid(path.child("name"), name, msg)));
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(path.child("name"), name));
            }
        }
        int port = sp.getPort() == null ? 0 : sp.getPort();
        NameRules.isValidPortNum(port).forEach(msg -> errs.add(FieldError.invalid(path.child("port"), port, msg)));
        String protocol = sp.getProtocol();
        if (!Checks.isEmpty(protocol) && !ContainerValidator.PROTOCOLS.contains(protocol)) {
            errs.add(FieldError.notSupported(path.child("protocol"), protocol, ContainerValidator.PROTOCOLS));
        }
        IntOrString target = sp.getTargetPort();
        boolean targetSet = target != null && (target.getStrVal() != null && !target.getStrVal().isEmpty()
                || target.getIntVal() != null && target.getIntVal() != 0);
        if (targetSet) {
            errs.addAll(ProbeValidator.portNumOrName(target, path.child("targetPort")));
        }
        if (sp.getAppProtocol() != null) {
            NameRules.isQualifiedName(sp.getAppProtocol())
                    .forEach(msg -> errs.add(FieldError.invalid(path.child("appProtocol"), sp.getAppProtocol(), msg)));
        }
        return errs;
    }

    private static List<FieldError> clientIpTimeout(ServiceSpec spec) {
        if (spec.getSessionAffinityConfig() == null || spec.getSessionAffinityConfig().getClientIP() == null
                || spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds() == null) {
            return List.of();
        }
        int timeout = spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
        if (timeout <= 0 || timeout > 86400) {
            return List.of(FieldError.invalid(SPEC.child("sessionAffinityConfig", "clientIP", "timeoutSeconds"), timeout,
                    "must be greater than 0 and less than 86400"));
        }
        return List.of();
    }

    private static List<FieldError> nodePorts(String type, List<ServicePort> ports, FieldPath portsPath) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort sp = ports.get(i);
            int nodePort = sp.getNodePort() == null ? 0 : sp.getNodePort();
            if (nodePort == 0) {
                continue;
            }
            FieldPath path = portsPath.index(i).child("nodePort");
            if (type.equals("ClusterIP")) {
                errs.add(FieldError.forbidden(path, "may not be used when `type` is 'ClusterIP'"));
                continue;
            }
            if (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX) {
                errs.add(FieldError.invalid(path, nodePort, "provided port is not in the valid range. The range of valid ports is "
                        + NODE_PORT_MIN + "-" + NODE_PORT_MAX));
            }
            if (!seen.add(Checks.or(sp.getProtocol(), "TCP") + "/" + nodePort)) {
                errs.add(FieldError.duplicate(path, nodePort));
            }
        }
        return errs;
    }

    private static List<FieldError> duplicatePorts(List<ServicePort> ports, FieldPath portsPath) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            String protocol = Checks.or(ports.get(i).getProtocol(), "TCP");
            int port = ports.get(i).getPort() == null ? 0 : ports.get(i).getPort();
            if (!seen.add(protocol + "/" + port)) {
                errs.add(FieldError.duplicate(portsPath.index(i), new GoValues.Literal("core.ServicePort{Name:\"\", Protocol:\""
                        + protocol + "\", AppProtocol:(*string)(nil), Port:" + port
                        + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}")));
            }
        }
        return errs;
    }

    private static List<FieldError> policies(ServiceSpec spec, String type) {
        List<FieldError> errs = new ArrayList<>();
        String external = spec.getExternalTrafficPolicy();
        if (!Checks.isEmpty(external)) {
            boolean externallyAccessible = type.equals("NodePort") || type.equals("LoadBalancer")
                    || type.equals("ClusterIP") && !Checks.isEmpty(spec.getExternalIPs());
            if (!externallyAccessible) {
                errs.add(FieldError.invalid(SPEC.child("externalTrafficPolicy"), external,
                        "may only be set for externally-accessible services"));
            } else if (!TRAFFIC_POLICIES.contains(external)) {
                errs.add(FieldError.notSupported(SPEC.child("externalTrafficPolicy"), external, TRAFFIC_POLICIES));
            }
        }
        String internal = spec.getInternalTrafficPolicy();
        if (internal != null && !TRAFFIC_POLICIES.contains(internal)) {
            errs.add(FieldError.notSupported(SPEC.child("internalTrafficPolicy"), internal, TRAFFIC_POLICIES));
        }
        String familyPolicy = spec.getIpFamilyPolicy();
        if (familyPolicy != null && !IP_FAMILY_POLICIES.contains(familyPolicy)) {
            errs.add(FieldError.notSupported(SPEC.child("ipFamilyPolicy"), familyPolicy, IP_FAMILY_POLICIES));
        }
        List<String> families = Checks.orEmpty(spec.getIpFamilies());
        for (int i = 0; i < families.size(); i++) {
            if (!IP_FAMILIES.contains(families.get(i))) {
                errs.add(FieldError.notSupported(SPEC.child("ipFamilies").index(i), families.get(i), IP_FAMILIES));
            }
        }
        return errs;
    }
}
