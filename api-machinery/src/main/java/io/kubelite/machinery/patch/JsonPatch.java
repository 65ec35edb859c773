package io.kubelite.machinery.patch;

import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON Patch, as {@code kubectl rollout undo} and {@code kubectl patch --type=json}
 * send it:
 *
 * <pre>
 * [{"op":"replace","path":"/spec/template","value":{...}},
 *  {"op":"replace","path":"/metadata/annotations","value":{...}}]
 * </pre>
 *
 * Operations apply in order to a copy of the document, and the first one that fails
 * aborts the whole patch, so a caller never sees a half-applied result. Messages follow
 * the library the API server uses, e.g.
 * {@code add operation does not apply: doc is missing path: "/spec/x/y": missing value}.
 */
public final class JsonPatch {

    private static final Set<String> OPERATIONS = Set.of("add", "remove", "replace", "move", "copy", "test");

    private JsonPatch() {
    }

    public static JsonNode apply(JsonNode document, JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            throw new PatchException("a JSON patch must be an array of operations, not " + JsonValues.typeName(patch));
        }
        JsonNode result = document == null ? null : document.deepCopy();
        for (JsonNode operation : patch) {
            result = applyOne(result, operation);
        }
        return result;
    }

    private static JsonNode applyOne(JsonNode doc, JsonNode operation) {
        if (!operation.isObject()) {
            throw new PatchException("a JSON patch operation must be an object, not " + JsonValues.typeName(operation));
        }
        String op = operation.path("op").asString("");
        if (!OPERATIONS.contains(op)) {
            throw new PatchException("Unexpected kind: " + op);
        }
        JsonPointer path = pointer(operation, "path", op);
        return switch (op) {
            case "add" -> JsonPointerOps.add(doc, path, value(operation, op), op);
            case "remove" -> JsonPointerOps.remove(doc, path);
            case "replace" -> replace(doc, path, value(operation, op));
            case "move" -> move(doc, pointer(operation, "from", op), path);
            case "copy" -> copy(doc, pointer(operation, "from", op), path);
            case "test" -> test(doc, path, value(operation, op));
            default -> throw new PatchException("Unexpected kind: " + op);
        };
    }

    private static JsonNode replace(JsonNode doc, JsonPointer path, JsonNode value) {
        if (path.isRoot()) {
            return value;
        }
        JsonNode parent = JsonPointerOps.get(doc, path.parent());
        if (parent == null || !parent.isContainer()) {
            throw new PatchException("replace operation does not apply: doc is missing path: " + path + ": missing value");
        }
        if (JsonPointerOps.child(parent, path.last()) == null) {
            throw new PatchException("replace operation does not apply: doc is missing key: " + path + ": missing value");
        }
        if (parent instanceof ObjectNode object) {
            object.set(path.last(), value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(path.last()), value);
        }
        return doc;
    }

    private static JsonNode move(JsonNode doc, JsonPointer from, JsonPointer path) {
        JsonNode value = JsonPointerOps.get(doc, from);
        if (value == null) {
            throw new PatchException("move operation does not apply: doc is missing from path: " + from + ": missing value");
        }
        if (path.isInside(from)) {
            throw new PatchException("move operation does not apply: cannot move " + from + " into its own child " + path);
        }
        if (from.equals(path)) {
            return doc;
        }
        JsonNode removed = JsonPointerOps.remove(doc, from);
        return JsonPointerOps.add(removed, path, value, "move");
    }

    private static JsonNode copy(JsonNode doc, JsonPointer from, JsonPointer path) {
        JsonNode value = JsonPointerOps.get(doc, from);
        if (value == null) {
            throw new PatchException("copy operation does not apply: doc is missing from path: " + from + ": missing value");
        }
        return JsonPointerOps.add(doc, path, value.deepCopy(), "copy");
    }

    /** A test of an absent location passes only for the value {@code null}, as in the API server. */
    private static JsonNode test(JsonNode doc, JsonPointer path, JsonNode expected) {
        JsonNode actual = JsonPointerOps.get(doc, path);
        boolean passes = actual == null ? expected.isNull() : JsonValues.equal(actual, expected);
        if (!passes) {
            throw new PatchException("testing value " + path + " failed: test failed");
        }
        return doc;
    }

    private static JsonPointer pointer(JsonNode operation, String field, String op) {
        JsonNode text = operation.get(field);
        if (text == null || !text.isString()) {
            throw new PatchException(op + " operation is missing the \"" + field + "\" field: " + operation);
        }
        return JsonPointer.parse(text.stringValue(), op);
    }

    private static JsonNode value(JsonNode operation, String op) {
        JsonNode value = operation.get("value");
        if (value == null) {
            throw new PatchException(op + " operation is missing the \"value\" field: " + operation);
        }
        return value.deepCopy();
    }
}
