package io.kubelite.machinery.managedfields;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** How the members of structs, maps and lists are named in a field path. */
final class PathElements {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private PathElements() {
    }

    static String field(String name) {
        return "f:" + name;
    }

    /**
     * The element naming an item of a list of {@code list}'s shape: its keys for a keyed list
     * ({@code k:{"containerPort":80,"protocol":"TCP"}}, keys in name order), its value for a set
     * ({@code v:"a"}), its position otherwise — also for an item that lacks a key without default.
     */
    static String item(Shape list, JsonNode item, int index) {
        if (list.listType() == Shape.ListType.SET && item != null && !item.isContainer()) {
            return "v:" + item;
        }
        if (list.listType() == Shape.ListType.MAP && item != null && item.isObject()) {
            List<String> names = new ArrayList<>(list.keys());
            Collections.sort(names);
            ObjectNode keys = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                JsonNode value = item.get(name);
                if (value == null || value.isNull()) {
                    value = list.keyDefaults().get(name);
                }
                if (value == null) {
                    return "i:" + index;
                }
                keys.set(name, value);
            }
            return "k:" + keys;
        }
        return "i:" + index;
    }

    /** A list's items by their path element, in list order; of items named alike the first counts. */
    static Map<String, JsonNode> index(Shape list, JsonNode items) {
        Map<String, JsonNode> byElement = new LinkedHashMap<>();
        if (items == null || !items.isArray()) {
            return byElement;
        }
        for (int i = 0; i < items.size(); i++) {
            byElement.putIfAbsent(item(list, items.get(i), i), items.get(i));
        }
        return byElement;
    }
}
