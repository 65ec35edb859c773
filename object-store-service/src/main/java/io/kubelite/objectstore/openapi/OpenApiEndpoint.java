package io.kubelite.objectstore.openapi;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.CustomResourceVersion;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /openapi/v3}: the index of group-version documents and one OpenAPI 3 document per group
 * version. kubectl's default {@code --validate=strict} reads them to learn that the server
 * validates fields itself (the {@code fieldValidation} parameter on every PATCH); Swagger UI shows
 * every resource and verb from them. {@code /openapi/v2} is a minimal protobuf document (see {@link #v2()}).
 */
@RestController
public class OpenApiEndpoint {

    private final ResourceRegistry registry;
    private final JsonMapper json;
    private final OpenApiDocuments documents;
    /** Each group version's document, serialized once: the served kinds never change while running. */
    private final Map<String, byte[]> serialized = new ConcurrentHashMap<>();
    private final Map<String, byte[]> gzipped = new ConcurrentHashMap<>();
    private final Map<String, String> hashes = new ConcurrentHashMap<>();
    private final Map<String, CustomDocument> customDocuments = new ConcurrentHashMap<>();

    public OpenApiEndpoint(ResourceRegistry registry, JsonMapper json, ModelCatalog catalog) {
        this.registry = registry;
        this.json = json;
        this.documents = new OpenApiDocuments(json, catalog);
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
    public ResponseEntity<byte[]> core(@PathVariable String version,
                                       @RequestHeader(value = "Accept-Encoding", required = false) String encodings) {
        return reply("", version, encodings);
    }

    @GetMapping("/openapi/v3/apis/{group}/{version}")
    public ResponseEntity<byte[]> group(@PathVariable String group, @PathVariable String version,
                                        @RequestHeader(value = "Accept-Encoding", required = false) String encodings) {
        return reply(group, version, encodings);
    }

    /**
     * The document, gzipped when the client takes gzip (kubectl does): the core one is 400 KB of
     * JSON, about 60 KB compressed, and it is read on every {@code apply} and {@code explain} by
     * a client without a cache. Compressed once, like the document itself.
     */
    private ResponseEntity<byte[]> reply(String group, String version, String encodings) {
        byte[] document = document(group, version);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Vary", "Accept-Encoding");
        if (encodings == null || !encodings.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            return ok.body(document);
        }
        String gv = group.isEmpty() ? version : group + "/" + version;
        if (!registry.builtinGroupVersions().contains(gv)) {
            return ok.header("Content-Encoding", "gzip").body(gzip(document));
        }
        return ok.header("Content-Encoding", "gzip").body(gzipped.computeIfAbsent(gv, k -> gzip(document)));
    }

    private static byte[] gzip(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length / 4);
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A minimal OpenAPI v2 document in the protobuf form kubectl asks for (gnostic
     * {@code openapi_v2.Document}: swagger "2.0" and an info block, no definitions). kubectl falls
     * back to it only for kinds the v3 documents do not describe; finding no schema there, it lets
     * the request go on, so an unknown kind is answered "no matches for kind" instead of a failed
     * OpenAPI download. Known kinds never get here: the server validates them itself.
     */
    @GetMapping("/openapi/v2")
    public void v2(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        byte[] info = concat(field(1, "kubelite"), field(2, "v1.32.0"));
        byte[] document = concat(field(1, "2.0"), field(2, info));
        // The type kube-openapi answers the protobuf Accept with.
        response.setStatus(200);
        response.setHeader("Content-Type", "application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }

    private static byte[] field(int number, String value) {
        return field(number, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A length-delimited protobuf field; lengths here stay below 128, so one length byte. */
    private static byte[] field(int number, byte[] value) {
        byte[] out = new byte[value.length + 2];
        out[0] = (byte) (number << 3 | 2);
        out[1] = (byte) value.length;
        System.arraycopy(value, 0, out, 2, value.length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private byte[] document(String group, String version) {
        String gv = group.isEmpty() ? version : group + "/" + version;
        if (!registry.builtinGroupVersions().contains(gv)) {
            return customDocument(group, version).json();
        }
        return serialized.computeIfAbsent(gv, k -> {
            List<ResourceType> types = registry.builtin().stream()
                    .filter(t -> t.servedInDiscovery() && t.group().equals(group) && t.version().equals(version)).toList();
            return json.writeValueAsBytes(documents.forGroupVersion(group, version, types));
        });
    }

    /** The content's hash, as kube-apiserver gives it: clients cache a document until it changes. */
    private String hash(String gv) {
        String[] parts = gv.split("/");
        if (!registry.builtinGroupVersions().contains(gv)) {
            return customDocument(parts[0], parts[1]).hash();
        }
        return hashes.computeIfAbsent(gv, k -> digest(parts.length == 1 ? document("", parts[0]) : document(parts[0], parts[1])));
    }

    /**
     * A custom resource group version's document, kept while its definitions are the same objects
     * (the registry rebuilds a definition's versions only when it changes).
     */
    private CustomDocument customDocument(String group, String version) {
        List<CustomResourceVersion> custom = registry.all().stream()
                .filter(t -> t.isCustom() && t.group().equals(group) && t.version().equals(version))
                .flatMap(t -> registry.custom(t).stream()).toList();
        if (custom.isEmpty()) {
            throw ApiException.noSuchResource();
        }
        String gv = group + "/" + version;
        CustomDocument kept = customDocuments.get(gv);
        if (kept != null && kept.isFor(custom)) {
            return kept;
        }
        byte[] doc = json.writeValueAsBytes(documents.forCustomGroupVersion(group, version, custom));
        CustomDocument built = new CustomDocument(custom, doc, digest(doc));
        customDocuments.put(gv, built);
        return built;
    }

    private record CustomDocument(List<CustomResourceVersion> versions, byte[] json, String hash) {

        boolean isFor(List<CustomResourceVersion> now) {
            if (now.size() != versions.size()) {
                return false;
            }
            for (int i = 0; i < now.size(); i++) {
                if (now.get(i) != versions.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static String digest(byte[] doc) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(doc));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
