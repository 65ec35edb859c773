package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Probes and lifecycle hooks: exactly one handler, valid ports, non-negative timings. */
final class ProbeValidator {

    private static final String MORE_THAN_ONE = "may not specify more than 1 handler type";

    private ProbeValidator() {
    }

    static List<FieldError> probe(Probe probe, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (probe == null) {
            return errs;
        }
        Map<String, Object> handlers = new LinkedHashMap<>();
        handlers.put("exec", probe.getExec());
        handlers.put("httpGet", probe.getHttpGet());
        handlers.put("tcpSocket", probe.getTcpSocket());
        handlers.put("grpc", probe.getGrpc());
        errs.addAll(handlers(handlers, path));
        Checks.nonNegative(errs, path.child("initialDelaySeconds"), probe.getInitialDelaySeconds());
        Checks.nonNegative(errs, path.child("timeoutSeconds"), probe.getTimeoutSeconds());
        Checks.nonNegative(errs, path.child("periodSeconds"), probe.getPeriodSeconds());
        Checks.nonNegative(errs, path.child("successThreshold"), probe.getSuccessThreshold());
        Checks.nonNegative(errs, path.child("failureThreshold"), probe.getFailureThreshold());
        Long grace = probe.getTerminationGracePeriodSeconds();
        if (grace != null && grace <= 0) {
            errs.add(FieldError.invalid(path.child("terminationGracePeriodSeconds"), grace, "must be greater than 0"));
        }
        return errs;
    }

    static List<FieldError> lifecycle(Lifecycle lifecycle, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (lifecycle == null) {
            return errs;
        }
        errs.addAll(hook(lifecycle.getPostStart(), path.child("postStart")));
        errs.addAll(hook(lifecycle.getPreStop(), path.child("preStop")));
        return errs;
    }

    private static List<FieldError> hook(LifecycleHandler handler, FieldPath path) {
        if (handler == null) {
            return List.of();
        }
        Map<String, Object> handlers = new LinkedHashMap<>();
        handlers.put("exec", handler.getExec());
        handlers.put("httpGet", handler.getHttpGet());
        handlers.put("tcpSocket", handler.getTcpSocket());
        handlers.put("sleep", handler.getSleep());
        return handlers(handlers, path);
    }

    private static List<FieldError> handlers(Map<String, Object> handlers, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, Object> e : handlers.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            FieldPath handlerPath = path.child(e.getKey());
            if (count > 0) {
                errs.add(FieldError.forbidden(handlerPath, MORE_THAN_ONE));
                continue;
            }
            count++;
            errs.addAll(action(e.getValue(), handlerPath));
        }
        if (count == 0) {
            errs.add(FieldError.required(path, "must specify a handler type"));
        }
        return errs;
    }

    private static List<FieldError> action(Object action, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (action instanceof ExecAction exec) {
            if (Checks.isEmpty(exec.getCommand())) {
                errs.add(FieldError.required(path.child("command"), ""));
            }
        } else if (action instanceof HTTPGetAction http) {
            errs.addAll(portNumOrName(http.getPort(), path.child("port")));
            String scheme = Checks.or(http.getScheme(), "HTTP");
            if (!scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
                errs.add(FieldError.notSupported(path.child("scheme"), scheme, List.of("HTTP", "HTTPS")));
            }
            for (HTTPHeader header : Checks.orEmpty(http.getHttpHeaders())) {
                String name = MetaValidator.nullToEmpty(header.getName());
                for (String msg : NameRules.isHttpHeaderName(name)) {
                    errs.add(FieldError.invalid(path.child("httpHeaders"), name, msg));
                }
            }
        } else if (action instanceof TCPSocketAction tcp) {
            errs.addAll(portNumOrName(tcp.getPort(), path.child("port")));
        } else if (action instanceof io.fabric8.kubernetes.api.model.GRPCAction grpc) {
            int port = grpc.getPort() == null ? 0 : grpc.getPort();
            for (String msg : NameRules.isValidPortNum(port)) {
                errs.add(FieldError.invalid(path.child("port"), port, msg));
            }
        }
        return errs;
    }

    /** A port given either as a number in 1..65535 or as an IANA service name. */
    static List<FieldError> portNumOrName(IntOrString port, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (port == null || (port.getIntVal() == null && port.getStrVal() == null)) {
            for (String msg : NameRules.isValidPortNum(0)) {
                errs.add(FieldError.invalid(path, 0, msg));
            }
        } else if (port.getIntVal() != null) {
            for (String msg : NameRules.isValidPortNum(port.getIntVal())) {
                errs.add(FieldError.invalid(path, port.getIntVal(), msg));
            }
        } else {
            for (String msg : NameRules.isValidPortName(port.getStrVal())) {
                errs.add(FieldError.invalid(path, port.getStrVal(), msg));
            }
        }
        return errs;
    }
}
