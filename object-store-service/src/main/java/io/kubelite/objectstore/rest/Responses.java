package io.kubelite.objectstore.rest;

import io.kubelite.machinery.table.Column;
import io.kubelite.machinery.table.TableBuilder;
import io.kubelite.machinery.table.TablePrinter;
import io.kubelite.machinery.table.TablePrinters;
import io.kubelite.objectstore.conversion.VersionConverter;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.CustomResourceVersion;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Shapes response bodies: objects, lists, Tables, and the Warning headers of a write. */
@Component
public class Responses {

    private final JsonMapper json;
    private final Clock clock;
    private final ResourceRegistry registry;
    private final VersionConverter converter;

    public Responses(JsonMapper json, Clock clock, ResourceRegistry registry, VersionConverter converter) {
        this.registry = registry;
        this.converter = converter;
        this.json = json;
        this.clock = clock;
    }

    static boolean wantsTable(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    ResponseEntity<JsonNode> object(int code, StoredObject o, List<String> warnings) {
        HttpHeaders headers = new HttpHeaders();
        for (String w : warnings) {
            headers.add("Warning", "299 - \"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return ResponseEntity.status(code).headers(headers).contentType(MediaType.APPLICATION_JSON).body(o.body());
    }

    ResponseEntity<JsonNode> body(int code, JsonNode body) {
        return ResponseEntity.status(code).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    ObjectNode list(ResourceType type, ListService.Page page) {
        ObjectNode list = json.createObjectNode();
        list.put("kind", registry.custom(type).map(CustomResourceVersion::listKind).orElse(type.listKind()));
        list.put("apiVersion", type.apiVersion());
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", Long.toString(page.resourceVersion()));
        if (!page.continueToken().isEmpty()) {
            meta.put("continue", page.continueToken());
        }
        ArrayNode items = list.putArray("items");
        for (StoredObject o : page.items()) {
            items.add(o.body());
        }
        return list;
    }

    ObjectNode table(ResourceType type, List<? extends JsonNode> objects, long resourceVersion, String continueToken,
                     TableBuilder.IncludeObject include) {
        var printer = registry.custom(type).map(CustomResourceVersion::printer)
                .orElseGet(() -> builtinPrinter(type));
        return TableBuilder.build(List.copyOf(objects), printer, Long.toString(resourceVersion), continueToken,
                clock.instant(), include);
    }

    /**
     * The built-in printer of a resource, written for its storage version: an object of another
     * version (an events.k8s.io/v1 Event, an autoscaling/v1 HorizontalPodAutoscaler) is converted
     * back to that version to be printed, so both views show the same columns and cells.
     */
    private TablePrinter builtinPrinter(ResourceType type) {
        TablePrinter printer = TablePrinters.forResource(type.storageGroup(), type.resource());
        if (type.isStorageVersion()) {
            return printer;
        }
        return new TablePrinter() {
            @Override
            public List<Column> columns() {
                return printer.columns();
            }

            @Override
            public List<Object> cells(JsonNode object, Instant now) {
                JsonNode stored = object instanceof ObjectNode o ? converter.toStorage(type, o.deepCopy()) : object;
                return printer.cells(stored, now);
            }
        };
    }

    /** A one-row Table for a watch event. */
    ObjectNode watchTable(ResourceType type, ObjectNode object, TableBuilder.IncludeObject include) {
        return table(type, List.of(object), object.path("metadata").path("resourceVersion").asLong(0), "", include);
    }

    /** The {@code includeObject} option of a Table request; 400 naming a value it cannot be. */
    static TableBuilder.IncludeObject includeObject(Map<String, String> params) {
        try {
            return TableBuilder.IncludeObject.of(params.get("includeObject"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unable to convert to Table as requested: " + e.getMessage());
        }
    }
}
