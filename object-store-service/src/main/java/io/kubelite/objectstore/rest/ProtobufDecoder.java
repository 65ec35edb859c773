package io.kubelite.objectstore.rest;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubelite.objectstore.errors.ApiException;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime.Unknown;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes the protobuf bodies kubectl sends for {@code create <generator>} (configmap, secret,
 * namespace, deployment, job, cronjob, service, quota, role, rolebinding, priorityclass, pdb,
 * ingress …, the TokenRequest of {@code create token}, the reviews of {@code auth can-i} and
 * {@code auth whoami}), {@code autoscale} and {@code certificate approve/deny}: the magic {@code k8s\0}, then a {@code runtime.Unknown}
 * (TypeMeta, raw object bytes). The raw object is read with the message descriptors of
 * Kubernetes' own {@code generated.proto} files (the {@code io.kubernetes:client-java-proto}
 * classes) and turned into the JSON Kubernetes would have received. {@code DeleteOptions} come this
 * way too, from clients built on client-go's protobuf codec (Helm):
 *
 * <ul>
 *   <li>{@code IntOrString} becomes a number or a string, {@code Quantity} its string,
 *       {@code Time} an RFC 3339 timestamp, {@code RawExtension} the embedded JSON;</li>
 *   <li>64-bit integers stay numbers (protobuf's own JSON mapping would quote them);</li>
 *   <li>Go's protobuf writes every non-pointer field, zero or not: an empty string and a zero
 *       {@code Time} mean "not set" there, so they are left out, as Go's JSON would leave them
 *       out ({@code creationTimestamp} would otherwise arrive as 1970-01-01);</li>
 *   <li>so do a {@code false} or {@code 0} of the non-pointer fields Go's JSON omits when zero
 *       ({@link #OMITTED_WHEN_ZERO}: a Container's {@code stdin}, a PodSpec's {@code hostNetwork},
 *       an ObjectMeta's {@code generation}). Pointer fields keep their zero ({@code replicas: 0}),
 *       and the wire cannot tell the two apart, so the list names the non-pointer ones; without
 *       it a template kubectl created would differ from the same template written as JSON, and a
 *       Deployment's rollback would not find its old ReplicaSet;</li>
 *   <li>a Go struct embedded inline ({@link #INLINE}: a Volume's {@code volumeSource}, a Probe's
 *       {@code handler}) gives its fields to the parent object.</li>
 * </ul>
 */
final class ProtobufDecoder {

    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
    private static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
    private static final String TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.Time";
    private static final String MICRO_TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime";
    private static final String DURATION = "k8s.io.apimachinery.pkg.apis.meta.v1.Duration";
    private static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";
    private static final String FIELDS_V1 = "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1";
    /** A user's extra values ({@code []string} in Go, a message of {@code items} on the wire). */
    private static final Set<String> EXTRA_VALUES = Set.of("k8s.io.api.certificates.v1.ExtraValue",
            "k8s.io.api.authentication.v1.ExtraValue", "k8s.io.api.authorization.v1.ExtraValue");
    /**
     * The options every group version carries (DeleteOptions, which client-go sends as protobuf
     * with the group version of the object deleted: Helm's {@code uninstall}).
     */
    private static final String META_PACKAGE = "k8s.io.apimachinery.pkg.apis.meta.v1";

    /**
     * Non-pointer booleans and integers with {@code omitempty} in Kubernetes' Go types, of the
     * messages kubectl's generators and client-go's protobuf clients send: Go's JSON leaves them out
     * when zero, so a zero on the wire means "not set".
     */
    static final Map<String, Set<String>> OMITTED_WHEN_ZERO = Map.ofEntries(
            Map.entry(META_PACKAGE + ".ObjectMeta", Set.of("generation")),
            Map.entry("k8s.io.api.core.v1.Container", Set.of("stdin", "stdinOnce", "tty")),
            Map.entry("k8s.io.api.core.v1.EphemeralContainerCommon", Set.of("stdin", "stdinOnce", "tty")),
            Map.entry("k8s.io.api.core.v1.PodSpec", Set.of("hostNetwork", "hostPID", "hostIPC")),
            Map.entry("k8s.io.api.core.v1.ContainerPort", Set.of("hostPort")),
            Map.entry("k8s.io.api.core.v1.VolumeMount", Set.of("readOnly")),
            Map.entry("k8s.io.api.core.v1.Probe", Set.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds",
                    "successThreshold", "failureThreshold")),
            Map.entry("k8s.io.api.core.v1.ServicePort", Set.of("nodePort")),
            Map.entry("k8s.io.api.core.v1.ServiceSpec", Set.of("publishNotReadyAddresses", "healthCheckNodePort")),
            Map.entry("k8s.io.api.apps.v1.DeploymentSpec", Set.of("minReadySeconds", "paused")),
            Map.entry("k8s.io.api.apps.v1.ReplicaSetSpec", Set.of("minReadySeconds")),
            Map.entry("k8s.io.api.apps.v1.DaemonSetSpec", Set.of("minReadySeconds")),
            Map.entry("k8s.io.api.apps.v1.StatefulSetSpec", Set.of("minReadySeconds")),
            Map.entry("k8s.io.api.networking.v1.ServiceBackendPort", Set.of("number")),
            Map.entry("k8s.io.api.scheduling.v1.PriorityClass", Set.of("globalDefault")));

    /**
     * Fields of Kubernetes' Go types embedded with {@code json:",inline"}: a message field on the
     * wire, their fields in the parent's JSON ({@code {"name":"v","hostPath":{…}}}, not
     * {@code {"name":"v","volumeSource":{"hostPath":{…}}}}).
     */
    static final Map<String, Set<String>> INLINE = Map.ofEntries(
            Map.entry("k8s.io.api.core.v1.Volume", Set.of("volumeSource")),
            Map.entry("k8s.io.api.core.v1.PersistentVolumeSpec", Set.of("persistentVolumeSource")),
            Map.entry("k8s.io.api.core.v1.EphemeralContainer", Set.of("ephemeralContainerCommon")),
            Map.entry("k8s.io.api.core.v1.Probe", Set.of("handler")),
            Map.entry("k8s.io.api.core.v1.ConfigMapEnvSource", Set.of("localObjectReference")),
            Map.entry("k8s.io.api.core.v1.SecretEnvSource", Set.of("localObjectReference")),
            Map.entry("k8s.io.api.core.v1.ConfigMapKeySelector", Set.of("localObjectReference")),
            Map.entry("k8s.io.api.core.v1.SecretKeySelector", Set.of("localObjectReference")),
            Map.entry("k8s.io.api.core.v1.ConfigMapVolumeSource", Set.of("localObjectReference")),
            Map.entry("k8s.io.api.core.v1.ConfigMapProjection", Set.of("localObjectReference")),
            Map.entry("k8s.io.api.core.v1.SecretProjection", Set.of("localObjectReference")),
            Map.entry("k8s.io.api.networking.v1.IngressRule", Set.of("ingressRuleValue")));

    /** "k8s.io.api.apps.v1.Deployment" → its descriptor, for every top-level message of the files read. */
    private static final Map<String, Descriptor> TYPES = index(Meta.getDescriptor(), V1.getDescriptor(),
            V1Apps.getDescriptor(), V1Authentication.getDescriptor(), V1Authorization.getDescriptor(), V1Batch.getDescriptor(),
            V1Autoscaling.getDescriptor(), V1Certificates.getDescriptor(), V1Rbac.getDescriptor(), V1Policy.getDescriptor(),
            V1Networking.getDescriptor(), V1Scheduling.getDescriptor(), V1Storage.getDescriptor());

    private static Map<String, Descriptor> index(FileDescriptor... files) {
        Map<String, Descriptor> types = new HashMap<>();
        for (FileDescriptor file : files) {
            for (Descriptor type : file.getMessageTypes()) {
                types.put(type.getFullName(), type);
            }
        }
        return Map.copyOf(types);
    }

    ObjectNode decode(byte[] body) {
        if (body.length < 4 || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2] || body[3] != MAGIC[3]) {
            throw ApiException.badRequest("protobuf body does not start with the Kubernetes magic prefix k8s\\0");
        }
        try {
            Unknown unknown = Unknown.parseFrom(ByteString.copyFrom(body, 4, body.length - 4));
            String apiVersion = unknown.getTypeMeta().getApiVersion();
            String kind = unknown.getTypeMeta().getKind();
            Descriptor type = TYPES.getOrDefault(protoPackage(apiVersion) + "." + kind, TYPES.get(META_PACKAGE + "." + kind));
            if (type == null || kind.isEmpty()) {
                throw new ApiException(415, "UnsupportedMediaType", "protobuf bodies of kind " + kind + " (" + apiVersion
                        + ") are not supported; send the object as JSON (e.g. kubectl create -f)", null, null, null,
                        List.of());
            }
            ObjectNode result = NODES.objectNode();
            result.put("apiVersion", apiVersion);
            result.put("kind", kind);
            result.setAll(object(DynamicMessage.parseFrom(type, unknown.getRaw())));
            return result;
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("malformed protobuf body: " + e.getMessage());
        }
    }

    /** "v1" → k8s.io.api.core.v1, "apps/v1" → k8s.io.api.apps.v1, "rbac.authorization.k8s.io/v1" → k8s.io.api.rbac.v1. */
    static String protoPackage(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        if (slash < 0) {
            return "k8s.io.api.core." + apiVersion;
        }
        String group = apiVersion.substring(0, slash);
        int dot = group.indexOf('.');
        return "k8s.io.api." + (dot < 0 ? group : group.substring(0, dot)) + "." + apiVersion.substring(slash + 1);
    }

    private static ObjectNode object(Message message) {
        ObjectNode out = NODES.objectNode();
        Set<String> omittedWhenZero = OMITTED_WHEN_ZERO.getOrDefault(message.getDescriptorForType().getFullName(), Set.of());
        Set<String> inline = INLINE.getOrDefault(message.getDescriptorForType().getFullName(), Set.of());
        for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            FieldDescriptor field = e.getKey();
            if (omittedWhenZero.contains(field.getJsonName()) && isZero(e.getValue())) {
                continue;
            }
            if (inline.contains(field.getJsonName()) && e.getValue() instanceof Message embedded) {
                out.setAll(object(embedded));
                continue;
            }
            JsonNode value;
            if (field.isMapField()) {
                value = map(field, (List<?>) e.getValue());
            } else if (field.isRepeated()) {
                ArrayNode items = NODES.arrayNode();
                for (Object item : (List<?>) e.getValue()) {
                    JsonNode v = value(field, item, true);
                    items.add(v == null ? NODES.nullNode() : v);
                }
                value = items;
            } else {
                value = value(field, e.getValue(), false);
            }
            if (value != null) {
                out.set(field.getJsonName(), value);
            }
        }
        return out;
    }

    private static boolean isZero(Object value) {
        return Boolean.FALSE.equals(value) || (value instanceof Number n && n.longValue() == 0);
    }

    /** A protobuf map (repeated key/value entries) as a JSON object; empty values are kept ({@code --from-literal=k=}). */
    private static ObjectNode map(FieldDescriptor field, List<?> entries) {
        Descriptor entryType = field.getMessageType();
        FieldDescriptor keyField = entryType.findFieldByName("key");
        FieldDescriptor valueField = entryType.findFieldByName("value");
        ObjectNode out = NODES.objectNode();
        for (Object entry : entries) {
            Message m = (Message) entry;
            JsonNode v = value(valueField, m.getField(valueField), true);
            out.set(String.valueOf(m.getField(keyField)), v == null ? NODES.nullNode() : v);
        }
        return out;
    }

    /** One value; null when Go's JSON would leave it out. {@code inCollection}: list items and map values keep "". */
    private static JsonNode value(FieldDescriptor field, Object value, boolean inCollection) {
        return switch (field.getJavaType()) {
            case STRING -> ((String) value).isEmpty() && !inCollection ? null : NODES.stringNode((String) value);
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> NODES.numberNode((Long) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case BYTE_STRING -> NODES.stringNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> NODES.stringNode(value.toString());
            case MESSAGE -> message((Message) value);
        };
    }

    private static JsonNode message(Message m) {
        Descriptor type = m.getDescriptorForType();
        return switch (type.getFullName()) {
            case INT_OR_STRING -> {
                long kind = (Long) field(m, "type");
                yield kind == 1 ? NODES.stringNode((String) field(m, "strVal"))
                        : NODES.numberNode((Integer) field(m, "intVal"));
            }
            case QUANTITY -> NODES.stringNode((String) field(m, "string"));
            case TIME, MICRO_TIME -> {
                long seconds = (Long) field(m, "seconds");
                int nanos = (Integer) field(m, "nanos");
                if (seconds == 0 && nanos == 0) {
                    yield null;
                }
                Instant at = Instant.ofEpochSecond(seconds, nanos)
                        .truncatedTo(type.getFullName().equals(TIME) ? ChronoUnit.SECONDS : ChronoUnit.MICROS);
                yield NODES.stringNode(DateTimeFormatter.ISO_INSTANT.format(at));
            }
            case DURATION -> NODES.stringNode(goDuration((Long) field(m, "duration")));
            case RAW_EXTENSION -> embeddedJson((ByteString) field(m, "raw"));
            case FIELDS_V1 -> embeddedJson((ByteString) field(m, "Raw"));
            default -> {
                if (EXTRA_VALUES.contains(type.getFullName())) {
                    ArrayNode items = NODES.arrayNode();
                    ((List<?>) field(m, "items")).forEach(item -> items.add((String) item));
                    yield items;
                }
                yield object(m);
            }
        };
    }

    private static Object field(Message m, String name) {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
        return m.getField(f);
    }

    private static JsonNode embeddedJson(ByteString raw) {
        if (raw.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(raw.toString(StandardCharsets.UTF_8));
        } catch (RuntimeException notJson) {
            throw ApiException.badRequest("malformed protobuf body: an embedded object is not JSON");
        }
    }

    /** Go's time.Duration text: 90 s → "1m30s", 1.5 s → "1.5s", 0 → "0s". */
    static String goDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder(nanos < 0 ? "-" : "");
        long n = Math.abs(nanos);
        long hours = n / 3_600_000_000_000L;
        long minutes = n / 60_000_000_000L % 60;
        long wholeSeconds = n / 1_000_000_000L % 60;
        long fraction = n % 1_000_000_000L;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        out.append(wholeSeconds);
        if (fraction > 0) {
            out.append('.').append(String.format("%09d", fraction).replaceAll("0+$", ""));
        }
        return out.append('s').toString();
    }
}
