package io.kubelite.machinery.defaulting;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Secret as the API server stores it: {@code type} Opaque unless given, and {@code stringData}
 * (write-only, plain text) merged into {@code data} base64-encoded, its keys winning over the same
 * keys of {@code data}; {@code stringData} itself is never stored or returned.
 */
final class SecretDefaults {

    private SecretDefaults() {
    }

    static void secret(Secret secret) {
        if (secret.getType() == null || secret.getType().isEmpty()) {
            secret.setType("Opaque");
        }
        Map<String, String> plain = secret.getStringData();
        if (plain == null) {
            return;
        }
        if (!plain.isEmpty()) {
            Map<String, String> data = new LinkedHashMap<>();
            if (secret.getData() != null) {
                data.putAll(secret.getData());
            }
            Base64.Encoder encoder = Base64.getEncoder();
            plain.forEach((key, value) -> data.put(key,
                    encoder.encodeToString((value == null ? "" : value).getBytes(StandardCharsets.UTF_8))));
            secret.setData(data);
        }
        secret.setStringData(null);
    }
}
