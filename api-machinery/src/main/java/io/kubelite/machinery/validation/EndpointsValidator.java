package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Endpoints subsets: every subset has addresses, addresses are IPs, ports are valid and named when several. */
final class EndpointsValidator {

    private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9a-fA-F:.]+$");
    private static final String NOT_AN_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

    private EndpointsValidator() {
    }

    static List<FieldError> validate(Endpoints endpoints) {
        List<FieldError> errs = new ArrayList<>();
        List<EndpointSubset> subsets = Checks.orEmpty(endpoints.getSubsets());
        for (int i = 0; i < subsets.size(); i++) {
            EndpointSubset ss = subsets.get(i);
            FieldPath idx = FieldPath.of("subsets").index(i);
            if (Checks.isEmpty(ss.getAddresses()) && Checks.isEmpty(ss.getNotReadyAddresses())) {
                errs.add(FieldError.required(idx, "must specify `addresses` or `notReadyAddresses`"));
            }
            addresses(errs, ss.getAddresses(), idx.child("addresses"));
            addresses(errs, ss.getNotReadyAddresses(), idx.child("notReadyAddresses"));
            List<EndpointPort> ports = Checks.orEmpty(ss.getPorts());
            for (int p = 0; p < ports.size(); p++) {
                errs.addAll(port(ports.get(p), ports.size() > 1, idx.child("ports").index(p)));
            }
        }
        return errs;
    }

    static boolean isIp(String ip) {
        if (IPV4.matcher(ip).matches()) {
            return true;
        }
        if (!ip.contains(":") || !IPV6_CHARS.matcher(ip).matches()) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(ip) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static void addresses(List<FieldError> errs, List<EndpointAddress> addresses, FieldPath path) {
        List<EndpointAddress> list = Checks.orEmpty(addresses);
        for (int i = 0; i < list.size(); i++) {
            EndpointAddress a = list.get(i);
            FieldPath idx = path.index(i);
            String ip = MetaValidator.nullToEmpty(a.getIp());
            if (!isIp(ip)) {
                errs.add(FieldError.invalid(idx.child("ip"), ip, NOT_AN_IP));
            }
            if (!Checks.isEmpty(a.getHostname())) {
                NameRules.isDns1123Label(a.getHostname())
                        .forEach(msg -> errs.add(FieldError.invalid(idx.child("hostname"), a.getHostname(), msg)));
            }
            if (!Checks.isEmpty(a.getNodeName())) {
                NameRules.isDns1123Subdomain(a.getNodeName())
                        .forEach(msg -> errs.add(FieldError.invalid(idx.child("nodeName"), a.getNodeName(), msg)));
            }
        }
    }

    private static List<FieldError> port(EndpointPort port, boolean requireName, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String name = MetaValidator.nullToEmpty(port.getName());
        if (requireName && name.isEmpty()) {
            errs.add(FieldError.required(path.child("name"), ""));
        } else if (!name.isEmpty()) {
            NameRules.isDns1123Label(name).forEach(msg -> errs.add(FieldError.invalid(path.child("name"), name, msg)));
        }
        int number = port.getPort() == null ? 0 : port.getPort();
        NameRules.isValidPortNum(number).forEach(msg -> errs.add(FieldError.invalid(path.child("port"), number, msg)));
        String protocol = port.getProtocol();
        if (!Checks.isEmpty(protocol) && !ContainerValidator.PROTOCOLS.contains(protocol)) {
            errs.add(FieldError.notSupported(path.child("protocol"), protocol, ContainerValidator.PROTOCOLS));
        }
        return errs;
    }
}
