package io.kubelite.nodeagent.netpol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An IP block ({@code 10.0.0.0/8}, {@code 172.17.0.5/32}, {@code fd00::/64}) as a NetworkPolicy's
 * {@code ipBlock} names one: what it contains, and what is left of it once its {@code except}
 * blocks are taken out, as blocks again.
 *
 * <p>Example: {@code 10.0.0.0/8} except {@code 10.1.0.0/16} is the 8 blocks {@code 10.128.0.0/9},
 * {@code 10.64.0.0/10}, … {@code 10.0.0.0/16}: each halving of the block keeps the half that does
 * not hold the exception.
 */
public record Cidr(byte[] network, int prefix) {

    public Cidr {
        network = mask(network.clone(), prefix);
    }

    /** Parses {@code a.b.c.d/n}, an IPv6 block, or a single address (a /32 or /128). */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(address);
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        return new Cidr(bytes, prefix);
    }

    /** A single address: {@code 172.17.0.5} is {@code 172.17.0.5/32}. */
    public static Cidr host(String ip) {
        byte[] bytes = literal(ip);
        return new Cidr(bytes, bytes.length * 8);
    }

    /** Numeric addresses only: nothing here may go to a resolver. */
    private static byte[] literal(String address) {
        if (address.isEmpty() || !address.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("invalid IP address: " + address);
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP address: " + address);
        }
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    public boolean contains(String ip) {
        byte[] bytes;
        try {
            bytes = literal(ip);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    public boolean contains(Cidr other) {
        return other.network.length == network.length && other.prefix >= prefix
                && Arrays.equals(mask(other.network.clone(), prefix), network);
    }

    /** What is left of this block without {@code excepts}: disjoint blocks, largest first. */
    public List<Cidr> subtract(List<Cidr> excepts) {
        List<Cidr> left = new ArrayList<>(List.of(this));
        for (Cidr except : excepts) {
            List<Cidr> next = new ArrayList<>();
            for (Cidr block : left) {
                block.without(except, next);
            }
            left = next;
        }
        return left;
    }

    private void without(Cidr except, List<Cidr> out) {
        if (except.contains(this)) {
            return;
        }
        if (!contains(except)) {
            out.add(this);
            return;
        }
        Cidr low = new Cidr(network, prefix + 1);
        byte[] high = network.clone();
        high[prefix / 8] |= (byte) (0x80 >>> (prefix % 8));
        Cidr upper = new Cidr(high, prefix + 1);
        // the half without the exception is kept whole; the other is split further
        if (low.contains(except)) {
            out.add(upper);
            low.without(except, out);
        } else {
            out.add(low);
            upper.without(except, out);
        }
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xff00 >>> keep);
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
