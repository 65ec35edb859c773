package io.kubelite.objectstore.admission;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' ServiceAccount admission for new pods: a pod names the ServiceAccount it runs as
 * ({@code spec.serviceAccountName}, {@code default} unless given, mirrored in the deprecated
 * {@code spec.serviceAccount}), and it must exist — otherwise 403, as kube-apiserver answers:
 * {@code pods "web" is forbidden: error looking up service account team/builder: serviceaccount "builder" not found}.
 * Unless the pod or its account turns {@code automountServiceAccountToken} off, the pod gets the
 * account's token, the cluster's CA and its namespace as files in {@value #MOUNT_PATH}.
 * Mirror pods (a node's static pods) are left alone.
 */
@Component
public class ServiceAccountAdmission {

    public static final String DEFAULT = "default";
    public static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    public static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";
    static final int TOKEN_EXPIRATION_SECONDS = 3607;
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final SecureRandom random = new SecureRandom();

    private final ObjectStore store;
    private final AdmissionObjects admissionObjects;

    public ServiceAccountAdmission(ObjectStore store, AdmissionObjects admissionObjects) {
        this.store = store;
        this.admissionObjects = admissionObjects;
    }

    public void admitPod(String namespace, ObjectNode pod) {
        if (pod.path("metadata").path("annotations").has("kubernetes.io/config.mirror")) {
            return;
        }
        ObjectNode spec = pod.withObjectProperty("spec");
        String name = accountName(spec);
        spec.put("serviceAccountName", name);
        spec.put("serviceAccount", name);
        StoredObject account = find(namespace, name).orElseThrow(() -> ApiException.forbidden("", "pods",
                pod.path("metadata").path("name").asString(""), "error looking up service account " + namespace + "/"
                        + name + ": serviceaccount \"" + name + "\" not found"));
        if (automount(spec, account.body())) {
            mountToken(spec);
        }
    }

    /** {@code serviceAccountName}, else the deprecated {@code serviceAccount}, else {@value #DEFAULT}. */
    private static String accountName(ObjectNode spec) {
        for (String field : List.of("serviceAccountName", "serviceAccount")) {
            String name = spec.path(field).asString("");
            if (!name.isEmpty()) {
                return name;
            }
        }
        return DEFAULT;
    }

    private Optional<StoredObject> find(String namespace, String name) {
        return admissionObjects.items("serviceaccounts", namespace)
                .map(items -> items.stream().filter(o -> o.name().equals(name)).findFirst())
                .orElseGet(() -> store.get("serviceaccounts", namespace, name));
    }

    /** The pod's {@code automountServiceAccountToken} when set, else the account's, else true. */
    private static boolean automount(ObjectNode spec, JsonNode account) {
        JsonNode own = spec.path("automountServiceAccountToken");
        if (own.isBoolean()) {
            return own.asBoolean();
        }
        JsonNode accounts = account.path("automountServiceAccountToken");
        return !accounts.isBoolean() || accounts.asBoolean();
    }

    /**
     * The volume {@code kube-api-access-<5 characters>} — a projected service account token (bound
     * to the pod, {@value #TOKEN_EXPIRATION_SECONDS} s, refreshed by the node agent), the cluster's CA
     * (ConfigMap {@code kube-root-ca.crt}) and the namespace — mounted read-only at {@value #MOUNT_PATH}
     * in every container that does not mount something there itself.
     */
    private void mountToken(ObjectNode spec) {
        ArrayNode containers = containers(spec, "containers");
        ArrayNode initContainers = containers(spec, "initContainers");
        if (mountsAlready(containers) || mountsAlready(initContainers)) {
            return;
        }
        String volumeName = "kube-api-access-" + suffix();
        ObjectNode volume = JsonNodeFactory.instance.objectNode();
        volume.put("name", volumeName);
        ObjectNode projected = volume.putObject("projected");
        projected.put("defaultMode", 420);
        ArrayNode sources = projected.putArray("sources");
        sources.addObject().putObject("serviceAccountToken").put("expirationSeconds", TOKEN_EXPIRATION_SECONDS).put("path", "token");
        ObjectNode configMap = sources.addObject().putObject("configMap");
        configMap.put("name", ROOT_CA_CONFIG_MAP);
        configMap.putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
        sources.addObject().putObject("downwardAPI").putArray("items").addObject().put("path", "namespace")
                .putObject("fieldRef").put("apiVersion", "v1").put("fieldPath", "metadata.namespace");
        spec.withArrayProperty("volumes").add(volume);
        for (ArrayNode list : List.of(containers, initContainers)) {
            for (JsonNode container : list) {
                ((ObjectNode) container).withArrayProperty("volumeMounts").addObject()
                        .put("name", volumeName).put("readOnly", true).put("mountPath", MOUNT_PATH);
            }
        }
    }

    private static ArrayNode containers(ObjectNode spec, String field) {
        JsonNode list = spec.path(field);
        return list.isArray() ? (ArrayNode) list : JsonNodeFactory.instance.arrayNode();
    }

    private static boolean mountsAlready(ArrayNode containers) {
        for (JsonNode container : containers) {
            for (JsonNode mount : container.path("volumeMounts")) {
                if (MOUNT_PATH.equals(mount.path("mountPath").asString(""))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Five characters of Kubernetes' random-name alphabet (no vowels, no confusable digits). */
    private String suffix() {
        StringBuilder out = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
