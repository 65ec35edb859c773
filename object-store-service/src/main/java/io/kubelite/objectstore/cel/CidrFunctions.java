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
 * kube's {@code net.cidr} library: network prefixes and what they contain.
 *
 * <pre>
 * cidr('192.168.0.0/16').containsIP('192.168.3.4')         // true; an ip() works too
 * cidr('192.168.0.0/16').containsCIDR('192.168.10.0/24')   // true
 * cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24') // true
 * cidr('::1/128').ip().family()                            // 6
 * string(cidr('10.0.0.0/8'))                               // '10.0.0.0/8'
 * cidr('10.0.0.0/33')   // fails: network address parse error during conversion from string: network address
 *                       //   parse error during conversion from string: netip.ParsePrefix("10.0.0.0/33"): prefix length out of range
 * </pre>
 *
 * <p>kube prefixes its parse errors twice, as above. For {@code containsIP} with a string that is
 * not an address kube answers {@code no such overload}; here the address's parse error is reported.
 */
final class CidrFunctions implements FunctionLibrary {

    private static final String PARSE_ERROR = "network address parse error during conversion from string: ";

    @Override
    public List<CelFunctionDecl> declarations() {
        return List.of(
                function("cidr", global("string_to_cidr", Cidr.TYPE, SimpleType.STRING)),
                function("isCIDR", global("is_cidr", SimpleType.BOOL, SimpleType.STRING)),
                function("containsIP",
                        member("cidr_contains_ip_string", SimpleType.BOOL, Cidr.TYPE, SimpleType.STRING),
                        member("cidr_contains_ip_ip", SimpleType.BOOL, Cidr.TYPE, IpAddress.TYPE)),
                function("containsCIDR",
                        member("cidr_contains_cidr_string", SimpleType.BOOL, Cidr.TYPE, SimpleType.STRING),
                        member("cidr_contains_cidr", SimpleType.BOOL, Cidr.TYPE, Cidr.TYPE)),
                function("ip", member("cidr_ip", IpAddress.TYPE, Cidr.TYPE)),
                function("prefixLength", member("cidr_prefix_length", SimpleType.INT, Cidr.TYPE)),
                function("masked", member("cidr_masked", Cidr.TYPE, Cidr.TYPE)),
                function("string", global("cidr_to_string", SimpleType.STRING, Cidr.TYPE)));
    }

    @Override
    public List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("string_to_cidr", String.class, CidrFunctions::parse),
                CelFunctionBinding.from("is_cidr", String.class, CidrFunctions::isCidr),
                CelFunctionBinding.from("cidr_contains_ip_string", Cidr.class, String.class,
                        (cidr, ip) -> cidr.contains(IpFunctions.parse(ip))),
                CelFunctionBinding.from("cidr_contains_ip_ip", Cidr.class, IpAddress.class, Cidr::contains),
                CelFunctionBinding.from("cidr_contains_cidr_string", Cidr.class, String.class,
                        (cidr, other) -> cidr.contains(parse(other))),
                CelFunctionBinding.from("cidr_contains_cidr", Cidr.class, Cidr.class, Cidr::contains),
                CelFunctionBinding.from("cidr_ip", Cidr.class, Cidr::address),
                CelFunctionBinding.from("cidr_prefix_length", Cidr.class, cidr -> (long) cidr.bits()),
                CelFunctionBinding.from("cidr_masked", Cidr.class, Cidr::masked),
                CelFunctionBinding.from("cidr_to_string", Cidr.class, Cidr::toString));
    }

    @Override
    public List<CelVarDecl> identifiers() {
        return List.of(CelVarDecl.newVarDeclaration(Cidr.TYPE.name(), TypeType.create(Cidr.TYPE)));
    }

    /** A prefix as kube's {@code cidr()} accepts it, failing with kube's words. */
    static Cidr parse(String raw) throws CelEvaluationException {
        Cidr cidr;
        try {
            cidr = Cidr.parse(raw);
        } catch (Cidr.InvalidPrefix e) {
            throw error(PARSE_ERROR + PARSE_ERROR + e.getMessage());
        }
        if (cidr.address().isIpv4MappedIpv6()) {
            throw error(PARSE_ERROR + "IPv4-mapped IPv6 address " + GoValues.quote(raw) + " is not allowed");
        }
        return cidr;
    }

    private static boolean isCidr(String raw) {
        try {
            parse(raw);
            return true;
        } catch (CelEvaluationException e) {
            return false;
        }
    }
}
