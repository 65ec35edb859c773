package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** ConfigMap keys and size: keys are config keys, unique across data and binaryData, and all values fit in 1 MiB. */
final class ConfigMapValidator {

    static final int MAX_SIZE = 1024 * 1024;

    private ConfigMapValidator() {
    }

    static List<FieldError> validate(ConfigMap cm) {
        List<FieldError> errs = new ArrayList<>();
        Map<String, String> data = Checks.orEmpty(cm.getData());
        Map<String, String> binary = Checks.orEmpty(cm.getBinaryData());
        long total = 0;
        FieldPath dataPath = FieldPath.of("data");
        for (Map.Entry<String, String> e : data.entrySet()) {
            FieldPath keyPath = dataPath.key(e.getKey());
            NameRules.isConfigMapKey(e.getKey()).forEach(msg -> errs.add(FieldError.invalid(keyPath, e.getKey(), msg)));
            if (binary.containsKey(e.getKey())) {
                errs.add(FieldError.invalid(keyPath, e.getKey(), "duplicate of key present in binaryData"));
            }
            total += Checks.utf8Length(e.getValue());
        }
        FieldPath binaryPath = FieldPath.of("binaryData");
        for (Map.Entry<String, String> e : binary.entrySet()) {
            FieldPath keyPath = binaryPath.key(e.getKey());
            NameRules.isConfigMapKey(e.getKey()).forEach(msg -> errs.add(FieldError.invalid(keyPath, e.getKey(), msg)));
            total += decodedLength(e.getValue());
        }
        if (total > MAX_SIZE) {
            errs.add(FieldError.tooLong(new FieldPath("[]"), MAX_SIZE));
        }
        return errs;
    }

    private static long decodedLength(String base64) {
        if (base64 == null) {
            return 0;
        }
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return base64.length();
        }
    }
}
