package io.kubelite.objectstore.cel;

import dev.cel.common.types.OpaqueType;
import io.kubelite.machinery.validation.GoValues;

/**
 * An address with a prefix length, as Go's {@code netip.ParsePrefix} reads it: the CEL value
 * {@code net.CIDR}. The address keeps its host bits: {@code 192.168.0.1/24} is not equal to
 * {@code 192.168.0.0/24}, but its {@link #masked()} form is.
 *
 * <p>The prefix length is decimal without a sign or leading zero, at most 32 for IPv4 and 128
 * for IPv6: {@code 10.0.0.0/33} fails with
 * {@code netip.ParsePrefix("10.0.0.0/33"): prefix length out of range}.
 */
record Cidr(IpAddress address, int bits) {

    static final OpaqueType TYPE = OpaqueType.create("net.CIDR");

    /** A string that is not a prefix, with Go's message. */
    static final class InvalidPrefix extends Exception {
        InvalidPrefix(String message) {
            super(message, null, false, false);
        }
    }

    static Cidr parse(String s) throws InvalidPrefix {
        int slash = s.lastIndexOf('/');
        if (slash < 0) {
            throw failure(s, "no '/'");
        }
        IpAddress address;
        try {
            address = IpAddress.parse(s.substring(0, slash));
        } catch (IpAddress.InvalidAddress e) {
            throw failure(s, e.getMessage());
        }
        if (!address.zone().isEmpty()) {
            throw failure(s, "IPv6 zones cannot be present in a prefix");
        }
        String bitsText = s.substring(slash + 1);
        long bits;
        try {
            bits = bitsText.matches("0|[1-9][0-9]*") ? Long.parseLong(bitsText) : -1;
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0) {
            throw failure(s, "bad bits after slash: " + GoValues.quote(bitsText));
        }
        if (bits > (address.isIpv4() ? 32 : 128)) {
            throw failure(s, "prefix length out of range");
        }
        return new Cidr(address, (int) bits);
    }

    /** The same prefix with the host bits cleared: {@code 192.168.0.1/24} masks to {@code 192.168.0.0/24}. */
    Cidr masked() {
        return new Cidr(address.masked(bits), bits);
    }

    boolean contains(IpAddress ip) {
        return ip.isIpv4() == address.isIpv4() && ip.zone().isEmpty() && ip.masked(bits).equals(address.masked(bits));
    }

    /**
     * Whether every address of {@code other} is in this prefix: same family, a prefix at least as
     * long, and the same network under this prefix's mask. kube before 1.33 compared the other
     * prefix's unmasked address, so {@code 10.0.0.0/8} did not contain {@code 10.1.0.0/16};
     * this follows the fixed behaviour (kubernetes/kubernetes#130450).
     */
    boolean contains(Cidr other) {
        return bits <= other.bits && contains(other.address);
    }

    @Override
    public String toString() {
        return address + "/" + bits;
    }

    private static InvalidPrefix failure(String in, String message) {
        return new InvalidPrefix("netip.ParsePrefix(" + GoValues.quote(in) + "): " + message);
    }
}
