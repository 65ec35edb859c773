package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * networking.k8s.io/v1 Ingresses and IngressClasses as kube-apiserver validates them: rules with
 * DNS (or wildcard) hosts, paths with a type, backends naming a Service port by number or name;
 * a class's controller is a domain-prefixed path.
 */
final class IngressValidator {

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");
    private static final List<String> INVALID_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
    private static final List<String> INVALID_SUFFIXES = List.of("/..", "/.");
    private static final String WILDCARD_FMT = "\\*\\." + NameRules.DNS1123_SUBDOMAIN_FMT;
    private static final Pattern WILDCARD = Pattern.compile("^" + WILDCARD_FMT + "$");
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final int MAX_CONTROLLER_LENGTH = 250;

    private IngressValidator() {
    }

    static List<FieldError> ingress(Ingress ingress) {
        IngressSpec spec = ingress.getSpec() == null ? new IngressSpec() : ingress.getSpec();
        List<FieldError> errs = new ArrayList<>();
        if (Checks.isEmpty(spec.getRules()) && spec.getDefaultBackend() == null) {
            errs.add(FieldError.invalid(SPEC, new GoValues.Literal("[]networking.IngressRule(nil)"),
                    "either `defaultBackend` or `rules` must be specified"));
        }
        if (spec.getDefaultBackend() != null) {
            errs.addAll(backend(spec.getDefaultBackend(), SPEC.child("defaultBackend")));
        }
        List<IngressRule> rules = Checks.orEmpty(spec.getRules());
        for (int i = 0; i < rules.size(); i++) {
            errs.addAll(rule(rules.get(i), SPEC.child("rules").index(i)));
        }
        List<IngressTLS> tls = Checks.orEmpty(spec.getTls());
        for (int i = 0; i < tls.size(); i++) {
            List<String> hosts = Checks.orEmpty(tls.get(i).getHosts());
            for (int j = 0; j < hosts.size(); j++) {
                errs.addAll(host(hosts.get(j), SPEC.child("tls").index(i).child("hosts").index(j), false));
            }
            String secret = tls.get(i).getSecretName();
            if (!Checks.isEmpty(secret)) {
                for (String msg : NameRules.isDns1123Subdomain(secret)) {
                    errs.add(FieldError.invalid(SPEC.child("tls").index(i).child("secretName"), secret, msg));
                }
            }
        }
        if (spec.getIngressClassName() != null) {
            for (String msg : NameRules.isDns1123Subdomain(spec.getIngressClassName())) {
                errs.add(FieldError.invalid(SPEC.child("ingressClassName"), spec.getIngressClassName(), msg));
            }
        }
        return errs;
    }

    private static List<FieldError> rule(IngressRule rule, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (!Checks.isEmpty(rule.getHost())) {
            errs.addAll(host(rule.getHost(), path.child("host"), true));
        }
        if (rule.getHttp() != null) {
            List<HTTPIngressPath> paths = Checks.orEmpty(rule.getHttp().getPaths());
            if (paths.isEmpty()) {
                errs.add(FieldError.required(path.child("http", "paths"), ""));
            }
            for (int i = 0; i < paths.size(); i++) {
                errs.addAll(httpPath(paths.get(i), path.child("http", "paths").index(i)));
            }
        }
        return errs;
    }

    private static List<FieldError> host(String host, FieldPath path, boolean refuseIp) {
        List<FieldError> errs = new ArrayList<>();
        if (refuseIp && (IPV4.matcher(host).matches() || host.contains(":"))) {
            errs.add(FieldError.invalid(path, host, "must be a DNS name, not an IP address"));
        }
        if (host.contains("*")) {
            if (!WILDCARD.matcher(host).matches()) {
                errs.add(FieldError.invalid(path, host, NameRules.regexError("a wildcard DNS-1123 subdomain must start with "
                        + "'*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, "
                        + "'-' or '.' and end with an alphanumeric character", WILDCARD_FMT, "*.example.com")));
            }
        } else {
            for (String msg : NameRules.isDns1123Subdomain(host)) {
                errs.add(FieldError.invalid(path, host, msg));
            }
        }
        return errs;
    }

    private static List<FieldError> httpPath(HTTPIngressPath p, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (p.getPathType() == null) {
            errs.add(FieldError.required(path.child("pathType"), "pathType must be specified"));
            return errs;
        }
        String value = p.getPath() == null ? "" : p.getPath();
        switch (p.getPathType()) {
            case "Exact", "Prefix" -> {
                if (!value.startsWith("/")) {
                    errs.add(FieldError.invalid(path.child("path"), value, "must be an absolute path"));
                }
                if (!value.isEmpty()) {
                    for (String seq : INVALID_SEQUENCES) {
                        if (value.contains(seq)) {
                            errs.add(FieldError.invalid(path.child("path"), value, "must not contain '" + seq + "'"));
                        }
                    }
                    for (String suffix : INVALID_SUFFIXES) {
                        if (value.endsWith(suffix)) {
                            errs.add(FieldError.invalid(path.child("path"), value, "cannot end with '" + suffix + "'"));
                        }
                    }
                }
            }
            case "ImplementationSpecific" -> {
                if (!value.isEmpty() && !value.startsWith("/")) {
                    errs.add(FieldError.invalid(path.child("path"), value, "must be an absolute path"));
                }
            }
            default -> errs.add(FieldError.notSupported(path.child("pathType"), p.getPathType(), PATH_TYPES));
        }
        errs.addAll(backend(p.getBackend() == null ? new IngressBackend() : p.getBackend(), path.child("backend")));
        return errs;
    }

    private static List<FieldError> backend(IngressBackend backend, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        boolean resource = backend.getResource() != null;
        boolean service = backend.getService() != null;
        if (resource && service) {
            errs.add(FieldError.invalid(path, "", "cannot set both resource and service backends"));
        } else if (resource) {
            if (Checks.isEmpty(backend.getResource().getKind())) {
                errs.add(FieldError.required(path.child("resource", "kind"), ""));
            }
            if (Checks.isEmpty(backend.getResource().getName())) {
                errs.add(FieldError.required(path.child("resource", "name"), ""));
            }
        } else if (service) {
            String name = backend.getService().getName();
            if (Checks.isEmpty(name)) {
                errs.add(FieldError.required(path.child("service", "name"), ""));
            } else {
                for (String msg : NameRules.isDns1035Label(name)) {
                    errs.add(FieldError.invalid(path.child("service", "name"), name, msg));
                }
            }
            var port = backend.getService().getPort();
            String portName = port == null ? null : port.getName();
            Integer number = port == null || port.getNumber() == null || port.getNumber() == 0 ? null : port.getNumber();
            if (!Checks.isEmpty(portName) && number != null) {
                errs.add(FieldError.invalid(path, "", "cannot set both port name & port number"));
            } else if (!Checks.isEmpty(portName)) {
                for (String msg : NameRules.isValidPortName(portName)) {
                    errs.add(FieldError.invalid(path.child("service", "port", "name"), portName, msg));
                }
            } else if (number != null) {
                for (String msg : NameRules.isValidPortNum(number)) {
                    errs.add(FieldError.invalid(path.child("service", "port", "number"), number, msg));
                }
            } else {
                errs.add(FieldError.required(path, "port name or number is required"));
            }
        } else {
            errs.add(FieldError.invalid(path, "", "resource or service backend is required"));
        }
        return errs;
    }

    static List<FieldError> ingressClass(IngressClass ingressClass) {
        List<FieldError> errs = new ArrayList<>();
        String controller = ingressClass.getSpec() == null ? null : ingressClass.getSpec().getController();
        FieldPath path = SPEC.child("controller");
        if (Checks.isEmpty(controller)) {
            errs.add(FieldError.required(path, ""));
            return errs;
        }
        if (controller.length() > MAX_CONTROLLER_LENGTH) {
            errs.add(FieldError.tooLong(path, MAX_CONTROLLER_LENGTH));
        }
        int slash = controller.indexOf('/');
        String domain = slash < 0 ? controller : controller.substring(0, slash);
        if (slash < 0 || slash == controller.length() - 1) {
            errs.add(FieldError.invalid(path, controller, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
        } else {
            for (String msg : NameRules.isDns1123Subdomain(domain)) {
                errs.add(FieldError.invalid(path, domain, msg));
            }
        }
        var parameters = ingressClass.getSpec().getParameters();
        if (parameters != null) {
            if (Checks.isEmpty(parameters.getKind())) {
                errs.add(FieldError.required(SPEC.child("parameters", "kind"), ""));
            }
            if (Checks.isEmpty(parameters.getName())) {
                errs.add(FieldError.required(SPEC.child("parameters", "name"), ""));
            }
            String scope = parameters.getScope();
            if (scope != null && !scope.equals("Cluster") && !scope.equals("Namespace")) {
                errs.add(FieldError.notSupported(SPEC.child("parameters", "scope"), scope, List.of("Cluster", "Namespace")));
            }
            if ("Namespace".equals(scope) && Checks.isEmpty(parameters.getNamespace())) {
                errs.add(FieldError.required(SPEC.child("parameters", "namespace"), "`parameters.scope` is set to 'Namespace'"));
            }
        }
        return errs;
    }
}
