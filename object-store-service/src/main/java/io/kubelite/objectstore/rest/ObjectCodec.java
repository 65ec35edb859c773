package io.kubelite.objectstore.rest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Turns request bodies into JSON trees and trees into the typed model, failing as Kubernetes does. */
@Component
public class ObjectCodec {

    private final JsonMapper json;
    private final YAMLMapper yaml = YAMLMapper.builder().build();
    private final ProtobufDecoder protobuf = new ProtobufDecoder();

    public ObjectCodec(JsonMapper json) {
        this.json = json;
    }

    public JsonMapper json() {
        return json;
    }

    /** Parses a body as JSON, YAML or Kubernetes protobuf according to its Content-Type. */
    public JsonNode parse(byte[] body, String contentType) {
        String type = contentType == null ? "application/json" : contentType.toLowerCase();
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("the request body is empty; send the object as JSON or YAML");
        }
        try {
            if (type.startsWith("application/vnd.kubernetes.protobuf")) {
                return protobuf.decode(body);
            }
            if (type.contains("yaml")) {
                return yaml.readTree(body);
            }
            return json.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the request body is not valid " + (type.contains("yaml") ? "YAML" : "JSON")
                    + ": " + e.getOriginalMessage());
        }
    }

    /** Parses a body that must be a JSON/YAML object. */
    public ObjectNode parseObject(byte[] body, String contentType) {
        JsonNode node = parse(body, contentType);
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("the request body must be a JSON object, got " + node.getNodeType());
        }
        return object;
    }

    public HasMetadata toTyped(ResourceType type, ObjectNode body) {
        try {
            return json.treeToValue(body, type.model());
        } catch (JacksonException e) {
            String where = e.getPathReference() == null ? "" : " at " + jsonPath(e);
            throw ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": " + e.getOriginalMessage() + where);
        }
    }

    public ObjectNode toTree(Object typed) {
        return json.valueToTree(typed);
    }

    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
