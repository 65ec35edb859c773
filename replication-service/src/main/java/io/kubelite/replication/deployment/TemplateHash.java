package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash} of a Deployment's ReplicaSet, made the way Kubernetes'
 * {@code controller.ComputeHash} makes it: FNV-1a (32 bit) of the template, then of the
 * collision count as 8 little-endian bytes when there is one, printed in decimal and mapped
 * character by character onto {@code bcdfghjklmnpqrstvwxz2456789} (SafeEncodeString) so it
 * never spells words. Example: hash 1234 → "1234" → chars 49,50,51,52 mod 27 = 22,23,24,25 →
 * "5678". Kubernetes hashes Go's printed struct; here the canonical
 * JSON of {@link Templates} is hashed, so values differ from Kubernetes' but are stable.
 */
public final class TemplateHash {

    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private TemplateHash() {
    }

    public static String of(PodTemplateSpec template, Integer collisionCount) {
        int hash = fnv1a(FNV_OFFSET, Templates.canonical(template).getBytes(StandardCharsets.UTF_8));
        if (collisionCount != null) {
            byte[] count = new byte[8];
            int c = collisionCount;
            for (int i = 0; i < 4; i++) {
                count[i] = (byte) (c >>> (8 * i));
            }
            hash = fnv1a(hash, count);
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    static int fnv1a(int seed, byte[] data) {
        int hash = seed;
        for (byte b : data) {
            hash ^= (b & 0xff);
            hash *= FNV_PRIME;
        }
        return hash;
    }

    static String safeEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            out.append(ALPHANUMS.charAt(s.charAt(i) % ALPHANUMS.length()));
        }
        return out.toString();
    }
}
