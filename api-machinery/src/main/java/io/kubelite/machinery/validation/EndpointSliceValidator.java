package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * discovery.k8s.io/v1 EndpointSlices as kube-apiserver validates them: an address type, at most
 * 1000 endpoints of 1–100 addresses of that type, at most 100 uniquely named ports.
 */
final class EndpointSliceValidator {

    private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final int MAX_ENDPOINTS = 1000;
    private static final int MAX_ADDRESSES = 100;
    private static final int MAX_PORTS = 100;

    private EndpointSliceValidator() {
    }

    static List<FieldError> validate(EndpointSlice slice) {
        List<FieldError> errs = new ArrayList<>();
        String type = slice.getAddressType();
        if (Checks.isEmpty(type)) {
            errs.add(FieldError.required(FieldPath.of("addressType"), ""));
        } else if (!ADDRESS_TYPES.contains(type)) {
            errs.add(FieldError.notSupported(FieldPath.of("addressType"), type, ADDRESS_TYPES));
        }
        List<Endpoint> endpoints = Checks.orEmpty(slice.getEndpoints());
        if (endpoints.size() > MAX_ENDPOINTS) {
            errs.add(FieldError.tooMany(FieldPath.of("endpoints"), endpoints.size(), MAX_ENDPOINTS));
        }
        for (int i = 0; i < endpoints.size(); i++) {
            FieldPath path = FieldPath.of("endpoints").index(i);
            List<String> addresses = Checks.orEmpty(endpoints.get(i).getAddresses());
            if (addresses.isEmpty()) {
                errs.add(FieldError.required(path.child("addresses"), "must contain at least 1 address"));
            } else if (addresses.size() > MAX_ADDRESSES) {
                errs.add(FieldError.tooMany(path.child("addresses"), addresses.size(), MAX_ADDRESSES));
            }
            for (int j = 0; j < addresses.size(); j++) {
                String address = addresses.get(j);
                if ("IPv4".equals(type) && !IPV4.matcher(address).matches()) {
                    errs.add(FieldError.invalid(path.child("addresses").index(j), address, "must be a valid IPv4 address"));
                } else if ("IPv6".equals(type) && !address.contains(":")) {
                    errs.add(FieldError.invalid(path.child("addresses").index(j), address, "must be a valid IPv6 address"));
                } else if ("FQDN".equals(type)) {
                    for (String msg : NameRules.isDns1123Subdomain(address)) {
                        errs.add(FieldError.invalid(path.child("addresses").index(j), address, msg));
                    }
                }
            }
            String hostname = endpoints.get(i).getHostname();
            if (hostname != null) {
                NameRules.isDns1123Label(hostname).forEach(msg -> errs.add(FieldError.invalid(path.child("hostname"), hostname, msg)));
            }
        }
        List<EndpointPort> ports = Checks.orEmpty(slice.getPorts());
        if (ports.size() > MAX_PORTS) {
            errs.add(FieldError.tooMany(FieldPath.of("ports"), ports.size(), MAX_PORTS));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            EndpointPort port = ports.get(i);
            FieldPath path = FieldPath.of("ports").index(i);
            String name = port.getName() == null ? "" : port.getName();
            if (!name.isEmpty()) {
                NameRules.isDns1123Label(name).forEach(msg -> errs.add(FieldError.invalid(path.child("name"), name, msg)));
            }
            if (names.contains(name)) {
                errs.add(FieldError.duplicate(path.child("name"), name));
            }
            names.add(name);
            if (port.getProtocol() == null) {
                errs.add(FieldError.required(path.child("protocol"), ""));
            } else if (!PROTOCOLS.contains(port.getProtocol())) {
                errs.add(FieldError.notSupported(path.child("protocol"), port.getProtocol(), PROTOCOLS));
            }
            if (port.getPort() != null) {
                NameRules.isValidPortNum(port.getPort()).forEach(msg -> errs.add(FieldError.invalid(path.child("port"),
                        port.getPort(), msg)));
            }
        }
        return errs;
    }
}
