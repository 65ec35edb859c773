package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Container environment: variable names, and {@code valueFrom} naming exactly one source. */
final class EnvValidator {

    private static final List<String> FIELD_PATHS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
            "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs");
    private static final List<String> RESOURCE_FIELDS = List.of("limits.cpu", "limits.ephemeral-storage", "limits.memory",
            "requests.cpu", "requests.ephemeral-storage", "requests.memory");
    private static final Pattern SUBSCRIPT = Pattern.compile("^(metadata\\.(?:labels|annotations))\\['(.*)'\\]$");

    private EnvValidator() {
    }

    static List<FieldError> env(List<EnvVar> vars, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<EnvVar> list = Checks.orEmpty(vars);
        for (int i = 0; i < list.size(); i++) {
            EnvVar ev = list.get(i);
            FieldPath idx = path.index(i);
            String name = MetaValidator.nullToEmpty(ev.getName());
            if (name.isEmpty()) {
                errs.add(FieldError.required(idx.child("name"), ""));
            } else {
                for (String msg : NameRules.isEnvVarName(name)) {
                    errs.add(FieldError.invalid(idx.child("name"), name, msg));
                }
            }
            errs.addAll(valueFrom(ev, idx.child("valueFrom")));
        }
        return errs;
    }

    static List<FieldError> envFrom(List<EnvFromSource> sources, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<EnvFromSource> list = Checks.orEmpty(sources);
        for (int i = 0; i < list.size(); i++) {
            EnvFromSource source = list.get(i);
            FieldPath idx = path.index(i);
            if (!Checks.isEmpty(source.getPrefix())) {
                for (String msg : NameRules.isEnvVarName(source.getPrefix())) {
                    errs.add(FieldError.invalid(idx.child("prefix"), source.getPrefix(), msg));
                }
            }
            int count = 0;
            if (source.getConfigMapRef() != null) {
                count++;
                errs.addAll(refName(source.getConfigMapRef().getName(), idx.child("configMapRef", "name")));
            }
            if (source.getSecretRef() != null) {
                count++;
                errs.addAll(refName(source.getSecretRef().getName(), idx.child("secretRef", "name")));
            }
            if (count == 0) {
                errs.add(FieldError.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
            } else if (count > 1) {
                errs.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
            }
        }
        return errs;
    }

    private static List<FieldError> valueFrom(EnvVar ev, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        EnvVarSource from = ev.getValueFrom();
        if (from == null) {
            return errs;
        }
        int sources = 0;
        if (from.getFieldRef() != null) {
            sources++;
            errs.addAll(fieldRef(from.getFieldRef(), path.child("fieldRef")));
        }
        if (from.getResourceFieldRef() != null) {
            sources++;
            errs.addAll(resourceFieldRef(from.getResourceFieldRef(), path.child("resourceFieldRef")));
        }
        if (from.getConfigMapKeyRef() != null) {
            sources++;
            ConfigMapKeySelector ref = from.getConfigMapKeyRef();
            errs.addAll(keyRef(ref.getName(), ref.getKey(), path.child("configMapKeyRef")));
        }
        if (from.getSecretKeyRef() != null) {
            sources++;
            SecretKeySelector ref = from.getSecretKeyRef();
            errs.addAll(keyRef(ref.getName(), ref.getKey(), path.child("secretKeyRef")));
        }
        if (sources == 0) {
            errs.add(FieldError.invalid(path, "",
                    "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        } else if (!Checks.isEmpty(ev.getValue())) {
            errs.add(FieldError.invalid(path, "", "may not be specified when `value` is not empty"));
        } else if (sources > 1) {
            errs.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
        }
        return errs;
    }

    private static List<FieldError> fieldRef(ObjectFieldSelector ref, FieldPath path) {
        String fieldPath = MetaValidator.nullToEmpty(ref.getFieldPath());
        if (fieldPath.isEmpty()) {
            return List.of(FieldError.required(path.child("fieldPath"), ""));
        }
        Matcher m = SUBSCRIPT.matcher(fieldPath);
        if (m.matches()) {
            String key = m.group(1).equals("metadata.annotations") ? m.group(2).toLowerCase() : m.group(2);
            List<FieldError> errs = new ArrayList<>();
            for (String msg : NameRules.isQualifiedName(key)) {
                errs.add(FieldError.invalid(path, key, msg));
            }
            return errs;
        }
        if (!FIELD_PATHS.contains(fieldPath)) {
            return List.of(FieldError.notSupported(path.child("fieldPath"), fieldPath, FIELD_PATHS));
        }
        return List.of();
    }

    private static List<FieldError> resourceFieldRef(ResourceFieldSelector ref, FieldPath path) {
        String resource = MetaValidator.nullToEmpty(ref.getResource());
        if (resource.isEmpty()) {
            return List.of(FieldError.required(path.child("resource"), ""));
        }
        boolean hugePages = resource.startsWith("limits.hugepages-") || resource.startsWith("requests.hugepages-");
        if (!RESOURCE_FIELDS.contains(resource) && !hugePages) {
            return List.of(FieldError.notSupported(path.child("resource"), resource, RESOURCE_FIELDS));
        }
        return List.of();
    }

    private static List<FieldError> keyRef(String name, String key, FieldPath path) {
        List<FieldError> errs = new ArrayList<>(refName(name, path.child("name")));
        String k = MetaValidator.nullToEmpty(key);
        if (k.isEmpty()) {
            errs.add(FieldError.required(path.child("key"), ""));
        } else {
            for (String msg : NameRules.isConfigMapKey(k)) {
                errs.add(FieldError.invalid(path.child("key"), k, msg));
            }
        }
        return errs;
    }

    private static List<FieldError> refName(String name, FieldPath path) {
        String n = MetaValidator.nullToEmpty(name);
        List<FieldError> errs = new ArrayList<>();
        for (String msg : NameRules.isDns1123Subdomain(n)) {
            errs.add(FieldError.invalid(path, n, msg));
        }
        return errs;
    }
}
