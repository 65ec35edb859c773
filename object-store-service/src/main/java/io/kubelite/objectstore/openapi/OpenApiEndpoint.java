package io.kubelite.objectstore.openapi;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * {@code /openapi/v3}: the index of group-version documents and one OpenAPI 3 document per group
 * version. kubectl's default {@code --validate=strict} reads them to learn that the server
 * validates fields itself (the {@code fieldValidation} parameter on every PATCH); Swagger UI shows
 * every resource and verb from them. {@code /openapi/v2} is 404: kubectl asks for protobuf there.
 */
@RestController
public class OpenApiEndpoint {

    private final ResourceRegistry registry;
    private final JsonMapper json;
    private final OpenApiDocuments documents;

    public OpenApiEndpoint(ResourceRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
        this.documents = new OpenApiDocuments(json);
    }

    @GetMapping("/openapi/v3")
    public ObjectNode index() {
        ObjectNode root = json.createObjectNode();
        ObjectNode paths = root.putObject("paths");
        for (String gv : registry.groupVersions()) {
            String key = gv.contains("/") ? "apis/" + gv : "api/" + gv;
            paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash(gv));
        }
        return root;
    }

    @GetMapping("/openapi/v3/api/{version}")
    public ObjectNode core(@PathVariable String version) {
        return document("", version);
    }

    @GetMapping("/openapi/v3/apis/{group}/{version}")
    public ObjectNode group(@PathVariable String group, @PathVariable String version) {
        return document(group, version);
    }

    @GetMapping("/openapi/v2")
    public ResponseEntity<Void> v2() {
        return ResponseEntity.notFound().build();
    }

    private ObjectNode document(String group, String version) {
        List<ResourceType> types = registry.all().stream()
                .filter(t -> t.servedInDiscovery() && t.group().equals(group) && t.version().equals(version)).toList();
        if (types.isEmpty()) {
            throw ApiException.noSuchResource();
        }
        return documents.forGroupVersion(group, version, types);
    }

    private String hash(String gv) {
        return Integer.toHexString((gv + registry.all().size()).hashCode());
    }
}
