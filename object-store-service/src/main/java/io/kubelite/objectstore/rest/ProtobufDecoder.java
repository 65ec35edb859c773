package io.kubelite.objectstore.rest;

import com.google.protobuf.CodedInputStream;
import io.kubelite.objectstore.errors.ApiException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Decodes the protobuf bodies {@code kubectl create <generator>} and {@code kubectl autoscale}
 * send: the magic {@code k8s\0}, then a {@code runtime.Unknown} (1: TypeMeta{1 apiVersion,
 * 2 kind}, 2: raw object bytes). The raw object is decoded with the field numbers of
 * {@code k8s.io/api/**}/generated.proto for the kinds those commands create.
 */
final class ProtobufDecoder {

    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A message schema: field number → (json name, kind of value). */
    private record Field(String name, Type type, Map<Integer, Field> message) {
    }

    private enum Type { STRING, INT, BOOL, BYTES, MESSAGE, STRING_MAP, BYTES_MAP, STRING_LIST, MESSAGE_LIST }

    private static Field str(String name) {
        return new Field(name, Type.STRING, null);
    }

    private static Field num(String name) {
        return new Field(name, Type.INT, null);
    }

    private static Field msg(String name, Map<Integer, Field> schema) {
        return new Field(name, Type.MESSAGE, schema);
    }

    private static final Map<Integer, Field> OWNER_REFERENCE = Map.of(
            1, str("kind"), 3, str("name"), 4, str("uid"), 5, str("apiVersion"),
            6, new Field("controller", Type.BOOL, null), 7, new Field("blockOwnerDeletion", Type.BOOL, null));

    private static final Map<Integer, Field> OBJECT_META = Map.of(
            1, str("name"), 2, str("generateName"), 3, str("namespace"), 5, str("uid"), 6, str("resourceVersion"),
            11, new Field("labels", Type.STRING_MAP, null), 12, new Field("annotations", Type.STRING_MAP, null),
            13, new Field("ownerReferences", Type.MESSAGE_LIST, OWNER_REFERENCE),
            14, new Field("finalizers", Type.STRING_LIST, null));

    private static final Map<Integer, Field> CONFIG_MAP = Map.of(
            1, msg("metadata", OBJECT_META), 2, new Field("data", Type.STRING_MAP, null),
            3, new Field("binaryData", Type.BYTES_MAP, null), 4, new Field("immutable", Type.BOOL, null));

    private static final Map<Integer, Field> SECRET = Map.of(
            1, msg("metadata", OBJECT_META), 2, new Field("data", Type.BYTES_MAP, null), 3, str("type"),
            4, new Field("stringData", Type.STRING_MAP, null), 5, new Field("immutable", Type.BOOL, null));

    private static final Map<Integer, Field> NAMESPACE = Map.of(
            1, msg("metadata", OBJECT_META), 2, msg("spec", Map.of(1, new Field("finalizers", Type.STRING_LIST, null))));

    private static final Map<Integer, Field> SCALE_TARGET = Map.of(1, str("kind"), 2, str("name"), 3, str("apiVersion"));

    private static final Map<Integer, Field> HPA_V1 = Map.of(
            1, msg("metadata", OBJECT_META),
            2, msg("spec", Map.of(1, msg("scaleTargetRef", SCALE_TARGET), 2, num("minReplicas"), 3, num("maxReplicas"),
                    4, num("targetCPUUtilizationPercentage"))));

    private static final Map<Integer, Field> SERVICE_ACCOUNT = Map.of(1, msg("metadata", OBJECT_META));

    private static final Map<String, Map<Integer, Field>> KINDS = Map.of(
            "ConfigMap", CONFIG_MAP, "Secret", SECRET, "Namespace", NAMESPACE,
            "HorizontalPodAutoscaler", HPA_V1, "ServiceAccount", SERVICE_ACCOUNT);

    ObjectNode decode(byte[] body) {
        if (body.length < 4 || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2] || body[3] != MAGIC[3]) {
            throw ApiException.badRequest("protobuf body does not start with the Kubernetes magic prefix k8s\\0");
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(body, 4, body.length - 4);
            String apiVersion = "";
            String kind = "";
            byte[] raw = new byte[0];
            while (!in.isAtEnd()) {
                int tag = in.readTag();
                switch (tag >>> 3) {
                    case 1 -> {
                        CodedInputStream meta = CodedInputStream.newInstance(in.readByteArray());
                        while (!meta.isAtEnd()) {
                            int t = meta.readTag();
                            if (t >>> 3 == 1) {
                                apiVersion = meta.readString();
                            } else if (t >>> 3 == 2) {
                                kind = meta.readString();
                            } else {
                                meta.skipField(t);
                            }
                        }
                    }
                    case 2 -> raw = in.readByteArray();
                    default -> in.skipField(tag);
                }
            }
            Map<Integer, Field> schema = KINDS.get(kind);
            if (schema == null) {
                throw new ApiException(415, "UnsupportedMediaType", "protobuf bodies of kind " + kind
                        + " are not supported; send the object as JSON (e.g. kubectl create -f)", null, null, null,
                        java.util.List.of());
            }
            ObjectNode object = message(CodedInputStream.newInstance(raw), schema);
            ObjectNode result = NODES.objectNode();
            result.put("apiVersion", apiVersion);
            result.put("kind", kind);
            result.setAll(object);
            return result;
        } catch (IOException e) {
            throw ApiException.badRequest("malformed protobuf body: " + e.getMessage());
        }
    }

    private static ObjectNode message(CodedInputStream in, Map<Integer, Field> schema) throws IOException {
        ObjectNode out = NODES.objectNode();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            Field f = schema.get(tag >>> 3);
            if (f == null) {
                in.skipField(tag);
                continue;
            }
            switch (f.type()) {
                case STRING -> {
                    // proto2 strings arrive even when empty; JSON leaves empty fields out
                    String value = in.readString();
                    if (!value.isEmpty()) {
                        out.put(f.name(), value);
                    }
                }
                case INT -> out.put(f.name(), in.readInt64());
                case BOOL -> out.put(f.name(), in.readBool());
                case BYTES -> out.put(f.name(), Base64.getEncoder().encodeToString(in.readByteArray()));
                case MESSAGE -> out.set(f.name(), message(CodedInputStream.newInstance(in.readByteArray()), f.message()));
                case STRING_LIST -> out.withArrayProperty(f.name()).add(in.readString());
                case MESSAGE_LIST -> out.withArrayProperty(f.name())
                        .add(message(CodedInputStream.newInstance(in.readByteArray()), f.message()));
                case STRING_MAP, BYTES_MAP -> {
                    CodedInputStream entry = CodedInputStream.newInstance(in.readByteArray());
                    String key = "";
                    String value = "";
                    while (!entry.isAtEnd()) {
                        int t = entry.readTag();
                        if (t >>> 3 == 1) {
                            key = entry.readString();
                        } else if (t >>> 3 == 2) {
                            byte[] bytes = entry.readByteArray();
                            value = f.type() == Type.BYTES_MAP ? Base64.getEncoder().encodeToString(bytes)
                                    : new String(bytes, StandardCharsets.UTF_8);
                        } else {
                            entry.skipField(t);
                        }
                    }
                    out.withObjectProperty(f.name()).put(key, value);
                }
            }
        }
        return out;
    }
}
