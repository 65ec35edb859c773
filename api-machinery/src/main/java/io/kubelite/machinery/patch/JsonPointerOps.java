package io.kubelite.machinery.patch;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading, adding and removing at a {@link JsonPointer} in a document the caller owns.
 * Array tokens are decimal indexes; {@code -} appends on add. Adding at index {@code n} of
 * an {@code n}-element array appends; any larger index is an error.
 */
final class JsonPointerOps {

    private JsonPointerOps() {
    }

    /** The node at {@code pointer}, or null when any step is missing. */
    static JsonNode get(JsonNode doc, JsonPointer pointer) {
        JsonNode current = doc;
        for (String token : pointer.tokens()) {
            if (current == null) {
                return null;
            }
            current = child(current, token);
        }
        return current;
    }

    static JsonNode child(JsonNode container, String token) {
        if (container.isObject()) {
            return container.get(token);
        }
        if (container.isArray()) {
            int index = index(token);
            return index >= 0 && index < container.size() ? container.get(index) : null;
        }
        return null;
    }

    /** Returns the document after the add: a different node when the pointer is the root. */
    static JsonNode add(JsonNode doc, JsonPointer path, JsonNode value, String op) {
        if (path.isRoot()) {
            return value;
        }
        JsonNode parent = get(doc, path.parent());
        if (parent instanceof ObjectNode object) {
            object.set(path.last(), value);
        } else if (parent instanceof ArrayNode array) {
            int index = path.last().equals("-") ? array.size() : index(path.last());
            if (index < 0 || index > array.size()) {
                throw invalidIndex(op, path);
            }
            array.insert(index, value);
        } else if (op.equals("add")) {
            throw new PatchException("add operation does not apply: doc is missing path: \"" + path + "\": missing value");
        } else {
            throw new PatchException(op + " operation does not apply: doc is missing destination path: " + path
                    + ": missing value");
        }
        return doc;
    }

    static JsonNode remove(JsonNode doc, JsonPointer path) {
        JsonNode parent = path.isRoot() ? null : get(doc, path.parent());
        if (parent instanceof ObjectNode object) {
            if (!object.has(path.last())) {
                throw new PatchException("error in remove for path: '" + path + "': Unable to remove nonexistent key: "
                        + path.last() + ": missing value");
            }
            object.remove(path.last());
        } else if (parent instanceof ArrayNode array) {
            int index = index(path.last());
            if (index < 0 || index >= array.size()) {
                throw invalidIndex("remove", path);
            }
            array.remove(index);
        } else {
            throw new PatchException("remove operation does not apply: doc is missing path: \"" + path + "\": missing value");
        }
        return doc;
    }

    private static PatchException invalidIndex(String op, JsonPointer path) {
        return new PatchException("error in " + op + " for path: '" + path + "': Unable to access invalid index: "
                + path.last() + ": invalid index referenced");
    }

    /** A non-negative decimal index, or -1 for anything else ({@code -}, {@code 01x}, {@code -1}). */
    private static int index(String token) {
        if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(token);
    }
}
