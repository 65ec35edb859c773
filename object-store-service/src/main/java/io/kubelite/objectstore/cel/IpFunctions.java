package io.kubelite.objectstore.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelVarDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import io.kubelite.machinery.validation.GoValues;

import java.util.List;

import static io.kubelite.objectstore.cel.FunctionLibrary.error;
import static io.kubelite.objectstore.cel.FunctionLibrary.function;
import static io.kubelite.objectstore.cel.FunctionLibrary.global;
import static io.kubelite.objectstore.cel.FunctionLibrary.member;

/**
 * kube's {@code kubernetes.net.ip} library: IP addresses and their kinds.
 *
 * <pre>
 * ip('10.0.0.1').family()                  // 4
 * ip('fe80::1').isLinkLocalUnicast()       // true
 * ip.isCanonical('2001:DB8::1')            // false: the canonical form is 2001:db8::1
 * string(ip('2001:db8:0:0::1'))            // '2001:db8::1'
 * ip('::ffff:1.2.3.4')   // fails: IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed
 * ip('010.0.0.1')        // fails: IP Address "010.0.0.1" parse error during conversion from string:
 *                        //   ParseAddr("010.0.0.1"): IPv4 field has octet with leading zero
 * </pre>
 *
 * <p>kube refuses addresses with a zone ({@code fe80::1%eth0}) and IPv4 addresses written as
 * IPv6, so every address has exactly one canonical spelling.
 */
final class IpFunctions implements FunctionLibrary {

    @Override
    public List<CelFunctionDecl> declarations() {
        return List.of(
                function("ip", global("string_to_ip", IpAddress.TYPE, SimpleType.STRING)),
                function("isIP", global("is_ip", SimpleType.BOOL, SimpleType.STRING)),
                function("ip.isCanonical", global("ip_is_canonical", SimpleType.BOOL, SimpleType.STRING)),
                function("family", member("ip_family", SimpleType.INT, IpAddress.TYPE)),
                function("isUnspecified", member("ip_is_unspecified", SimpleType.BOOL, IpAddress.TYPE)),
                function("isLoopback", member("ip_is_loopback", SimpleType.BOOL, IpAddress.TYPE)),
                function("isLinkLocalMulticast", member("ip_is_link_local_multicast", SimpleType.BOOL, IpAddress.TYPE)),
                function("isLinkLocalUnicast", member("ip_is_link_local_unicast", SimpleType.BOOL, IpAddress.TYPE)),
                function("isGlobalUnicast", member("ip_is_global_unicast", SimpleType.BOOL, IpAddress.TYPE)),
                function("string", global("ip_to_string", SimpleType.STRING, IpAddress.TYPE)));
    }

    @Override
    public List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("string_to_ip", String.class, IpFunctions::parse),
                CelFunctionBinding.from("is_ip", String.class, IpFunctions::isIp),
                CelFunctionBinding.from("ip_is_canonical", String.class, s -> parse(s).toString().equals(s)),
                CelFunctionBinding.from("ip_family", IpAddress.class, ip -> ip.isIpv4() ? 4L : 6L),
                CelFunctionBinding.from("ip_is_unspecified", IpAddress.class, IpAddress::isUnspecified),
                CelFunctionBinding.from("ip_is_loopback", IpAddress.class, IpAddress::isLoopback),
                CelFunctionBinding.from("ip_is_link_local_multicast", IpAddress.class, IpAddress::isLinkLocalMulticast),
                CelFunctionBinding.from("ip_is_link_local_unicast", IpAddress.class, IpAddress::isLinkLocalUnicast),
                CelFunctionBinding.from("ip_is_global_unicast", IpAddress.class, IpAddress::isGlobalUnicast),
                CelFunctionBinding.from("ip_to_string", IpAddress.class, IpAddress::toString));
    }

    @Override
    public List<CelVarDecl> identifiers() {
        return List.of(CelVarDecl.newVarDeclaration(IpAddress.TYPE.name(), TypeType.create(IpAddress.TYPE)));
    }

    /** An address as kube's {@code ip()} accepts it, failing with kube's words. */
    static IpAddress parse(String raw) throws CelEvaluationException {
        IpAddress address;
        try {
            address = IpAddress.parse(raw);
        } catch (IpAddress.InvalidAddress e) {
            throw error("IP Address " + GoValues.quote(raw) + " parse error during conversion from string: " + e.getMessage());
        }
        if (!address.zone().isEmpty()) {
            throw error("IP address " + GoValues.quote(raw) + " with zone value is not allowed");
        }
        if (address.isIpv4MappedIpv6()) {
            throw error("IPv4-mapped IPv6 address " + GoValues.quote(raw) + " is not allowed");
        }
        return address;
    }

    private static boolean isIp(String raw) {
        try {
            parse(raw);
            return true;
        } catch (CelEvaluationException e) {
            return false;
        }
    }
}
