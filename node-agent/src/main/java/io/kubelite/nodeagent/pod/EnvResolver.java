package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as Kubernetes builds it: {@code envFrom} first, then {@code env} in
 * order (a later entry wins), each value may refer to earlier ones as {@code $(NAME)}
 * ({@code $$(NAME)} escapes), and values come from ConfigMaps, Secrets or the pod's own fields.
 * The variables of the API's own Service ({@code default/kubernetes}) and, unless the pod sets
 * {@code enableServiceLinks: false}, of its namespace's Services ({@link ServiceEnv}) come last,
 * each only where the container does not set the same name, and {@code $(NAME)} may refer to them.
 */
public final class EnvResolver {

    /** The API's own Service, whose variables (KUBERNETES_SERVICE_HOST, …) every container gets. */
    static final String MASTER_NAMESPACE = "default";
    static final String MASTER_SERVICE = "kubernetes";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    private EnvResolver() {
    }

    /** The pod's own values fieldRef can read. */
    public record PodFields(String podIp, String hostIp, Map<String, String> allocatable) {

        public PodFields(String podIp, String hostIp) {
            this(podIp, hostIp, Map.of());
        }
    }

    /** "NAME=value" entries, or {@link ContainerConfigException} naming what is missing. */
    public static List<String> resolve(Pod pod, Container container, PodFields fields, ConfigLookup lookup) {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> services = ServiceEnv.of(visibleServices(pod, lookup));
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            for (EnvFromSource from : container.getEnvFrom()) {
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                if (from.getConfigMapRef() != null) {
                    String name = from.getConfigMapRef().getName();
                    Optional<ConfigMap> cm = lookup.configMap(namespace, name);
                    if (cm.isEmpty()) {
                        if (Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                            continue;
                        }
                        throw new ContainerConfigException("configmap \"" + name + "\" not found");
                    }
                    if (cm.get().getData() != null) {
                        cm.get().getData().forEach((k, v) -> env.put(prefix + k, v));
                    }
                }
                if (from.getSecretRef() != null) {
                    String name = from.getSecretRef().getName();
                    Optional<Secret> secret = lookup.secret(namespace, name);
                    if (secret.isEmpty()) {
                        if (Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                            continue;
                        }
                        throw new ContainerConfigException("secret \"" + name + "\" not found");
                    }
                    secretData(secret.get()).forEach((k, v) -> env.put(prefix + k, v));
                }
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                String value;
                if (var.getValueFrom() != null) {
                    value = valueFrom(pod, container, var, fields, lookup);
                    if (value == null) {
                        continue;
                    }
                } else {
                    value = expand(var.getValue() == null ? "" : var.getValue(), env, services);
                }
                env.put(var.getName(), value);
            }
        }
        services.forEach(env::putIfAbsent);
        List<String> result = new ArrayList<>();
        env.forEach((k, v) -> result.add(k + "=" + v));
        return result;
    }

    /** The API's own Service in every pod; with Service links (the default), every Service of the pod's namespace too. */
    static List<Service> visibleServices(Pod pod, ConfigLookup lookup) {
        String namespace = pod.getMetadata().getNamespace();
        List<Service> visible = new ArrayList<>();
        for (Service s : lookup.services(MASTER_NAMESPACE)) {
            if (MASTER_SERVICE.equals(s.getMetadata().getName())) {
                visible.add(s);
            }
        }
        if (!Boolean.FALSE.equals(pod.getSpec().getEnableServiceLinks())) {
            for (Service s : lookup.services(namespace)) {
                if (!(MASTER_NAMESPACE.equals(namespace) && MASTER_SERVICE.equals(s.getMetadata().getName()))) {
                    visible.add(s);
                }
            }
        }
        return visible;
    }

    /**
     * Kubernetes' $(VAR) expansion: a defined name is replaced, an undefined one is left as it is,
     * {@code $$} becomes {@code $}. Example with A=x: "$(A)-$(B)-$$(A)" → "x-$(B)-$(A)".
     */
    static String expand(String value, Map<String, String> defined) {
        return expand(value, defined, Map.of());
    }

    /** As {@link #expand(String, Map)}, a name the container does not define taken from its Services' variables. */
    static String expand(String value, Map<String, String> defined, Map<String, String> services) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = m.group(1);
                replacement = defined.containsKey(name) ? defined.get(name) : services.getOrDefault(name, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String valueFrom(Pod pod, Container container, EnvVar var, PodFields fields, ConfigLookup lookup) {
        EnvVarSource source = var.getValueFrom();
        String namespace = pod.getMetadata().getNamespace();
        if (source.getConfigMapKeyRef() != null) {
            ConfigMapKeySelector ref = source.getConfigMapKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            Optional<ConfigMap> cm = lookup.configMap(namespace, ref.getName());
            if (cm.isEmpty()) {
                if (optional) {
                    return null;
                }
                throw new ContainerConfigException("configmap \"" + ref.getName() + "\" not found");
            }
            Map<String, String> data = cm.get().getData() == null ? Map.of() : cm.get().getData();
            if (!data.containsKey(ref.getKey())) {
                if (optional) {
                    return null;
                }
                throw new ContainerConfigException("couldn't find key " + ref.getKey() + " in ConfigMap "
                        + namespace + "/" + ref.getName());
            }
            return data.get(ref.getKey());
        }
        if (source.getSecretKeyRef() != null) {
            SecretKeySelector ref = source.getSecretKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            Optional<Secret> secret = lookup.secret(namespace, ref.getName());
            if (secret.isEmpty()) {
                if (optional) {
                    return null;
                }
                throw new ContainerConfigException("secret \"" + ref.getName() + "\" not found");
            }
            Map<String, String> data = secretData(secret.get());
            if (!data.containsKey(ref.getKey())) {
                if (optional) {
                    return null;
                }
                throw new ContainerConfigException("couldn't find key " + ref.getKey() + " in Secret "
                        + namespace + "/" + ref.getName());
            }
            return data.get(ref.getKey());
        }
        if (source.getFieldRef() != null) {
            return fieldValue(pod, source.getFieldRef().getFieldPath(), fields);
        }
        if (source.getResourceFieldRef() != null) {
            String named = source.getResourceFieldRef().getContainerName();
            return ResourceFields.value(named == null || named.isEmpty() ? container : ResourceFields.container(pod, named),
                    source.getResourceFieldRef(), fields.allocatable());
        }
        throw new ContainerConfigException("unsupported valueFrom in env var " + var.getName());
    }

    static String fieldValue(Pod pod, String path, PodFields fields) {
        if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
            String key = path.substring("metadata.labels['".length(), path.length() - 2);
            return pod.getMetadata().getLabels() == null ? "" : pod.getMetadata().getLabels().getOrDefault(key, "");
        }
        if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
            String key = path.substring("metadata.annotations['".length(), path.length() - 2);
            return pod.getMetadata().getAnnotations() == null ? "" : pod.getMetadata().getAnnotations().getOrDefault(key, "");
        }
        switch (path) {
            case "metadata.name":
                return pod.getMetadata().getName();
            case "metadata.namespace":
                return pod.getMetadata().getNamespace();
            case "metadata.uid":
                return pod.getMetadata().getUid();
            case "spec.nodeName":
                return pod.getSpec().getNodeName();
            case "spec.serviceAccountName":
                return pod.getSpec().getServiceAccountName() == null ? "default" : pod.getSpec().getServiceAccountName();
            case "status.podIP":
            case "status.podIPs":
                return fields.podIp();
            case "status.hostIP":
            case "status.hostIPs":
                return fields.hostIp();
            default:
                throw new ContainerConfigException("unsupported fieldRef fieldPath " + path);
        }
    }

    private static Map<String, String> secretData(Secret secret) {
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }
}
