package io.kubelite.objectstore.rest;

import io.kubelite.machinery.table.TableBuilder;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.storage.StoredObject;
import io.kubelite.objectstore.watch.WatchService;
import io.kubelite.objectstore.watch.WatchSource;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import java.util.HashMap;

import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.kubelite.objectstore.crd.CustomResourceDefinitions;
import io.kubelite.objectstore.policy.AdmissionPolicies;
import io.kubelite.objectstore.webhook.AdmissionWebhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every resource path under {@code /api/v1} and {@code /apis/<group>/<version>}: the verbs get,
 * list, watch, create, update, patch, delete and deletecollection, and the subresources.
 */
@RestController
public class ResourceEndpoint {

    private final ResourceRegistry registry;
    private final ResourceService resources;
    private final ListService lists;
    private final DeleteService deletes;
    private final WatchService watches;
    private final Subresources subresources;
    private final ObjectCodec codec;
    private final RequestBodies bodies;
    private final Responses responses;
    private final TaskExecutor watchExecutor;
    private final CustomResourceDefinitions definitions;
    private final AdmissionPolicies policies;
    private final AdmissionWebhooks webhooks;

    public ResourceEndpoint(ResourceRegistry registry, ResourceService resources, ListService lists,
                            DeleteService deletes, WatchService watches, Subresources subresources, ObjectCodec codec,
                            RequestBodies bodies, Responses responses,
                            @org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor") TaskExecutor watchExecutor,
                            CustomResourceDefinitions definitions, AdmissionPolicies policies, AdmissionWebhooks webhooks) {
        this.definitions = definitions;
        this.webhooks = webhooks;
        this.policies = policies;
        this.registry = registry;
        this.resources = resources;
        this.lists = lists;
        this.deletes = deletes;
        this.watches = watches;
        this.subresources = subresources;
        this.codec = codec;
        this.bodies = bodies;
        this.responses = responses;
        this.watchExecutor = watchExecutor;
    }

    /** A parsed request target: the resource type and the path parts. */
    record Target(ResourceType type, ApiPath path) {
        String namespace() {
            return path.namespace();
        }

        String name() {
            return path.name();
        }

        String subresource() {
            return path.subresource();
        }
    }

    @RequestMapping(value = {"/api/**", "/apis/**"}, method = RequestMethod.GET)
    public Object get(HttpServletRequest request, @RequestParam Map<String, String> params,
                      @RequestHeader(value = "Accept", required = false) String accept) {
        Target t = target(request);
        boolean table = Responses.wantsTable(accept);
        TableBuilder.IncludeObject include = table ? Responses.includeObject(params) : TableBuilder.IncludeObject.METADATA;
        if (t.name() != null) {
            if (t.subresource() != null) {
                return subresources.get(t, params, request);
            }
            StoredObject o = resources.get(t.type(), t.namespace(), t.name());
            if (table) {
                return responses.body(200, responses.table(t.type(), List.of(o.body()), o.resourceVersion(), "", include));
            }
            return responses.object(200, o, List.of());
        }
        ListOptions options = ListOptions.of(params.get("labelSelector"), params.get("fieldSelector"),
                params.get("limit"), params.get("continue"), params.get("resourceVersion"));
        ListService.Page page = lists.list(t.type(), t.namespace(), options);
        if (table) {
            return responses.body(200, responses.table(t.type(), page.items().stream().map(StoredObject::body).toList(),
                    page.resourceVersion(), page.continueToken(), include));
        }
        return responses.body(200, responses.list(t.type(), page));
    }

    @RequestMapping(value = {"/api/**", "/apis/**"}, method = RequestMethod.GET, params = "watch=true")
    public void watchTrue(HttpServletRequest request, HttpServletResponse response,
                          @RequestParam Map<String, String> params,
                          @RequestHeader(value = "Accept", required = false) String accept) throws IOException {
        watch(request, response, params, accept);
    }

    @RequestMapping(value = {"/api/**", "/apis/**"}, method = RequestMethod.GET, params = "watch=1")
    public void watchOne(HttpServletRequest request, HttpServletResponse response,
                         @RequestParam Map<String, String> params,
                         @RequestHeader(value = "Accept", required = false) String accept) throws IOException {
        watch(request, response, params, accept);
    }

    /**
     * A request that asks for a WebSocket (the fabric8 client's watch) gets the events as
     * WebSocket messages ({@link WatchOverWebSocket}). Any other streams on the servlet's own
     * async support: headers go out at once (clients wait for them before reading events), each
     * event is flushed as it is written, and the stream lives until the client leaves or
     * timeoutSeconds passes.
     */
    private void watch(HttpServletRequest request, HttpServletResponse response, Map<String, String> params,
                       String accept) throws IOException {
        Target t = target(request);
        if (t.name() != null) {
            throw ApiException.badRequest("watch a single object with a list and fieldSelector=metadata.name=" + t.name());
        }
        boolean table = Responses.wantsTable(accept);
        TableBuilder.IncludeObject include = table ? Responses.includeObject(params) : TableBuilder.IncludeObject.METADATA;
        ListOptions options = ListOptions.of(params.get("labelSelector"), params.get("fieldSelector"),
                null, null, params.get("resourceVersion"));
        FieldValues.checkSupported(t.type(), options.fields().requirements().stream()
                .map(io.kubelite.machinery.selector.FieldSelector.Requirement::field).toList());
        ListOptions unpaged = new ListOptions(options.labels(), options.fields(), 0, null, null, null);
        var body = watches.open(t.type(), t.namespace(), params.get("resourceVersion"),
                params.containsKey("timeoutSeconds") ? parseLong(params.get("timeoutSeconds")) : null,
                isTrue(params.get("allowWatchBookmarks")),
                unpaged::matches,
                object -> table ? responses.watchTable(t.type(), object, include) : object,
                () -> {
                    ListService.Page page = lists.list(t.type(), t.namespace(), unpaged);
                    return new WatchSource.Snapshot(page.items().stream().map(StoredObject::body).toList(),
                            page.resourceVersion());
                });
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            ServletServerHttpResponse upgraded = new ServletServerHttpResponse(response);
            try {
                new DefaultHandshakeHandler().doHandshake(new ServletServerHttpRequest(request), upgraded,
                        new WatchOverWebSocket(body, watchExecutor), new HashMap<>());
            } finally {
                upgraded.close();
            }
            return;
        }
        response.setStatus(200);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        response.flushBuffer();
        AsyncContext async = AsyncEnd.start(request);
        watchExecutor.execute(() -> {
            try {
                body.writeTo(response.getOutputStream());
            } catch (IOException | RuntimeException clientGoneOrFailed) {
                // the client left, or the stream failed after the headers were sent; either way it ends here
            } finally {
                AsyncEnd.complete(async);
            }
        });
    }

    @RequestMapping(value = {"/api/**", "/apis/**"}, method = RequestMethod.POST)
    public Object post(HttpServletRequest request, @RequestParam Map<String, String> params,
                       @RequestHeader(value = "Content-Type", required = false) String contentType) {
        Target t = target(request);
        WriteOptions options = writeOptions(request, params, "CreateOptions", null);
        byte[] raw = bodies.read(request);
        if (t.subresource() != null) {
            return subresources.post(t, codec.parseObject(raw, contentType), options);
        }
        if (t.name() != null) {
            throw ApiException.methodNotAllowed("POST is not allowed on a named " + t.type().singular()
                    + "; use PUT or PATCH to change it");
        }
        if (t.type().namespaced() && t.namespace() == null) {
            throw ApiException.methodNotAllowed("POST requires a namespace: /namespaces/<namespace>/" + t.type().resource());
        }
        StoredObject created = resources.create(t.type(), t.namespace(), codec.parseObject(raw, contentType), options);
        definitionsChanged(t);
        return responses.object(201, created, options.warnings());
    }

    @RequestMapping(value = {"/api/**", "/apis/**"}, method = RequestMethod.PUT)
    public Object put(HttpServletRequest request, @RequestParam Map<String, String> params,
                      @RequestHeader(value = "Content-Type", required = false) String contentType) {
        Target t = target(request);
        requireName(t, "PUT");
        WriteOptions options = writeOptions(request, params, "UpdateOptions", null, t);
        ObjectNode body = codec.parseObject(bodies.read(request), contentType);
        if (Scope.of(t.subresource()) == null) {
            return subresources.put(t, body, options);
        }
        StoredObject updated = resources.update(t.type(), t.namespace(), t.name(), body, options, Scope.of(t.subresource()));
        definitionsChanged(t);
        return responses.object(200, updated, options.warnings());
    }

    @RequestMapping(value = {"/api/**", "/apis/**"}, method = RequestMethod.PATCH)
    public Object patch(HttpServletRequest request, @RequestParam Map<String, String> params,
                        @RequestHeader(value = "Content-Type", required = false) String contentType) {
        Target t = target(request);
        requireName(t, "PATCH");
        PatchType patchType = PatchType.of(contentType);
        WriteOptions options = writeOptions(request, params, "PatchOptions", patchType, t);
        JsonNode patch = codec.parse(bodies.read(request), patchType == PatchType.APPLY ? "application/yaml" : "application/json");
        if (Scope.of(t.subresource()) == null) {
            return subresources.patch(t, patchType, patch, options);
        }
        if (patchType == PatchType.STRATEGIC && t.type().isCustom()) {
            // kube-apiserver: custom resources have no patch strategies to merge by
            throw ApiException.unsupportedMediaType(contentType, false);
        }
        boolean existed = patchType != PatchType.APPLY || exists(t);
        StoredObject patched = resources.patch(t.type(), t.namespace(), t.name(), patchType, patch, options,
                Scope.of(t.subresource()));
        definitionsChanged(t);
        return responses.object(existed ? 200 : 201, patched, options.warnings());
    }

    @RequestMapping(value = {"/api/**", "/apis/**"}, method = RequestMethod.DELETE)
    public Object delete(HttpServletRequest request, @RequestParam Map<String, String> params,
                         @RequestHeader(value = "Content-Type", required = false) String contentType) {
        Target t = target(request);
        if (t.subresource() != null) {
            throw ApiException.methodNotAllowed("DELETE is not allowed on " + t.type().resource() + "/" + t.subresource());
        }
        byte[] raw = bodies.read(request);
        JsonNode body = raw.length == 0 ? null : codec.parse(raw, contentType);
        DeleteOptions options = DeleteOptions.of(body, params.get("gracePeriodSeconds"), params.get("propagationPolicy"),
                params.get("orphanDependents"), params.get("dryRun"));
        if (t.name() != null) {
            StoredObject deleted = deletes.delete(t.type(), t.namespace(), t.name(), options);
            definitionsChanged(t);
            return responses.object(200, deleted, List.of());
        }
        ListOptions listOptions = ListOptions.of(params.get("labelSelector"), params.get("fieldSelector"), null, null, null);
        ListService.Page page = lists.list(t.type(), t.namespace(), listOptions);
        List<StoredObject> deleted = new ArrayList<>();
        for (StoredObject o : page.items()) {
            try {
                deleted.add(deletes.delete(t.type(), o.namespace().isEmpty() ? null : o.namespace(), o.name(), options));
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        definitionsChanged(t);
        return responses.body(200, responses.list(t.type(), new ListService.Page(deleted, page.resourceVersion(), "")));
    }

    /**
     * A write to a CustomResourceDefinition changes what this server serves, one to an admission
     * policy, binding or webhook configuration what it enforces: at once, not at the next refresh.
     */
    private void definitionsChanged(Target t) {
        if (t.type().resource().equals("customresourcedefinitions") && t.type().group().equals("apiextensions.k8s.io")) {
            definitions.reload();
        }
        if (AdmissionPolicies.isPolicyResource(t.type().storageResource())) {
            policies.reload();
        }
        if (AdmissionWebhooks.isConfigurationResource(t.type().storageResource())) {
            webhooks.reload();
        }
    }

    private boolean exists(Target t) {
        try {
            resources.get(t.type(), t.namespace(), t.name());
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private Target target(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        ApiPath p = ApiPath.parse(path).orElseThrow(ApiException::noSuchResource);
        ResourceType type = registry.find(p.group(), p.version(), p.resource())
                .or(() -> p.group().contains(".") && definitions.reloadOnMiss()
                        ? registry.find(p.group(), p.version(), p.resource()) : java.util.Optional.empty())
                .orElseThrow(ApiException::noSuchResource);
        if (!type.namespaced() && p.namespace() != null) {
            throw ApiException.noSuchResource();
        }
        if (type.namespaced() && p.namespace() == null && p.name() != null) {
            throw ApiException.noSuchResource();
        }
        if (p.subresource() != null && !type.hasSubresource(p.subresource())) {
            throw ApiException.noSuchResource();
        }
        if (type.resource().equals("namespaces")) {
            return new Target(type, new ApiPath(p.group(), p.version(), null, p.resource(), p.name(), p.subresource()));
        }
        return new Target(type, p);
    }

    private static void requireName(Target t, String verb) {
        if (t.name() == null) {
            throw ApiException.methodNotAllowed(verb + " needs the name of the " + t.type().singular()
                    + " in the path: …/" + t.type().resource() + "/<name>");
        }
        if (t.type().namespaced() && t.namespace() == null) {
            throw ApiException.noSuchResource();
        }
    }

    /** The request's write options, its {@code fieldManager} and {@code force} checked as {@code optionsKind}. */
    private static WriteOptions writeOptions(HttpServletRequest request, Map<String, String> params, String optionsKind,
                                             PatchType patchType) {
        FieldOwnership.checkOptions(optionsKind, params.get("fieldManager"), patchType == PatchType.APPLY,
                patchType != null && params.containsKey("force"));
        return WriteOptions.of(params.get("fieldValidation"), params.get("dryRun"), params.get("fieldManager"),
                params.get("force"), request.getHeader("User-Agent"));
    }

    /**
     * The same, for a write to {@code t}: one through pods/ephemeralcontainers or a
     * CertificateSigningRequest's approval is recorded as such in managedFields.
     */
    private static WriteOptions writeOptions(HttpServletRequest request, Map<String, String> params, String optionsKind,
                                             PatchType patchType, Target t) {
        WriteOptions options = writeOptions(request, params, optionsKind, patchType);
        Scope scope = Scope.of(t.subresource());
        return scope == Scope.EPHEMERAL_CONTAINERS || scope == Scope.APPROVAL ? options.through(t.subresource()) : options;
    }

    private static boolean isTrue(String v) {
        return v != null && (v.equals("true") || v.equals("1"));
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("timeoutSeconds must be an integer; got \"" + s + "\"");
        }
    }
}
