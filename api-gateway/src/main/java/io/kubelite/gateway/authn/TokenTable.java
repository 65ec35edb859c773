package io.kubelite.gateway.authn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks a bearer token up without leaking, through timing, how much of it matched: every
 * known token is compared (as a SHA-256 digest, so all comparisons have the same length) with
 * {@link MessageDigest#isEqual}, and the loop never stops early.
 */
public final class TokenTable {

    static final TokenTable EMPTY = new TokenTable(Map.of());

    private record Entry(byte[] digest, UserInfo user) {
    }

    private final List<Entry> entries;

    public TokenTable(Map<String, UserInfo> usersByToken) {
        this.entries = usersByToken.entrySet().stream()
                .map(e -> new Entry(digest(e.getKey()), e.getValue()))
                .toList();
    }

    public Optional<UserInfo> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = digest(token);
        UserInfo match = null;
        for (Entry entry : entries) {
            boolean equal = MessageDigest.isEqual(presented, entry.digest());
            if (equal && match == null) {
                match = entry.user();
            }
        }
        return Optional.ofNullable(match);
    }

    public int size() {
        return entries.size();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
