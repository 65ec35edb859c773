package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Secret data: keys are config keys, values base64, all of it at most 1 MiB decoded, and the keys
 * that the well-known types require (kubernetes.io/tls: tls.crt and tls.key, …) present.
 */
final class SecretValidator {

    private static final Map<String, List<String>> REQUIRED_KEYS = Map.of(
            "kubernetes.io/tls", List.of("tls.crt", "tls.key"),
            "kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson"),
            "kubernetes.io/dockercfg", List.of(".dockercfg"),
            "kubernetes.io/ssh-auth", List.of("ssh-privatekey"));

    private SecretValidator() {
    }

    static List<FieldError> validate(Secret secret) {
        List<FieldError> errs = new ArrayList<>();
        Map<String, String> data = Checks.orEmpty(secret.getData());
        FieldPath dataPath = FieldPath.of("data");
        long total = 0;
        for (Map.Entry<String, String> e : data.entrySet()) {
            FieldPath keyPath = dataPath.key(e.getKey());
            NameRules.isConfigMapKey(e.getKey()).forEach(msg -> errs.add(FieldError.invalid(keyPath, e.getKey(), msg)));
            try {
                total += e.getValue() == null ? 0 : Base64.getDecoder().decode(e.getValue()).length;
            } catch (IllegalArgumentException notBase64) {
                errs.add(FieldError.invalid(keyPath, "<value omitted>", "must be base64 encoded: " + notBase64.getMessage()));
            }
        }
        if (total > ConfigMapValidator.MAX_SIZE) {
            errs.add(FieldError.tooLong(dataPath, ConfigMapValidator.MAX_SIZE));
        }
        String type = secret.getType() == null ? "Opaque" : secret.getType();
        for (String key : REQUIRED_KEYS.getOrDefault(type, List.of())) {
            if (!data.containsKey(key)) {
                errs.add(FieldError.required(dataPath.key(key), ""));
            }
        }
        return errs;
    }
}
