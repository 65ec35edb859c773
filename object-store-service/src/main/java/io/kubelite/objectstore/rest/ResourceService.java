package io.kubelite.objectstore.rest;


import io.kubelite.machinery.managedfields.FieldManager;
import io.kubelite.machinery.managedfields.ManagedFieldsEntry;
import io.kubelite.machinery.patch.JsonMergePatch;
import io.kubelite.machinery.patch.JsonPatch;
import io.kubelite.machinery.patch.PatchException;
import io.kubelite.machinery.patch.StrategicMergePatch;
import io.kubelite.objectstore.admission.Admission;
import io.kubelite.objectstore.admission.NamespaceLifecycle;
import io.kubelite.objectstore.admission.ServiceAccountAdmission;
import io.kubelite.objectstore.admission.UpdateRules;
import io.kubelite.objectstore.authorization.RbacEscalation;
import io.kubelite.objectstore.certificates.CertificateAdmission;
import io.kubelite.objectstore.certificates.CertificateRequests;
import io.kubelite.objectstore.conversion.VersionConverter;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.openapi.ModelCatalog;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.storage.DuplicateObjectException;
import io.kubelite.objectstore.storage.Mutation;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StaleWriteException;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Create, read, update and patch of one object, with Kubernetes' rules: admission on every write,
 * optimistic concurrency on resourceVersion, status written only through the status subresource.
 */
@Service
public class ResourceService {

    /**
     * Plain patches carry no resourceVersion, so a concurrent write only means "read again and
     * re-apply", as kube-apiserver's GuaranteedUpdate does; this bounds how long that may go on.
     */
    private static final long RETRY_BUDGET_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    /**
     * Kubernetes' {@code maxNameGenerationCreateAttempts} (RetryGenerateName, on since 1.31): a
     * generated name that is taken is generated again, up to eight names in all.
     */
    static final int NAME_GENERATION_ATTEMPTS = 8;

    private final ObjectStore store;
    private final ResourceRegistry registry;
    private final VersionConverter converter;
    private final Admission admission;
    private final NamespaceLifecycle namespaces;
    private final UpdateRules updateRules;
    private final io.kubelite.objectstore.admission.ServiceAllocator services;
    private final io.kubelite.objectstore.admission.LimitRanger limitRanger;
    private final io.kubelite.objectstore.admission.ResourceQuotaAdmission quotas;
    private final ServiceAccountAdmission serviceAccounts;
    private final io.kubelite.objectstore.admission.DefaultStorageClass defaultStorageClass;
    private final io.kubelite.objectstore.admission.PriorityAdmission priorities;
    private final io.kubelite.objectstore.admission.RuntimeClassAdmission runtimeClasses;
    private final NameGenerator names;
    private final ModelCatalog schemas;
    private final RbacEscalation escalation;
    private final FieldOwnership ownership;
    private final ConfiguredAdmission configured;
    private final io.kubelite.objectstore.admission.PodSecurityAdmission podSecurity;
    private final CertificateAdmission certificates;

    public ResourceService(ObjectStore store, ResourceRegistry registry, VersionConverter converter, Admission admission,
                           NamespaceLifecycle namespaces, UpdateRules updateRules,
                           io.kubelite.objectstore.admission.ServiceAllocator services,
                           io.kubelite.objectstore.admission.LimitRanger limitRanger,
                           io.kubelite.objectstore.admission.ResourceQuotaAdmission quotas,
                           ServiceAccountAdmission serviceAccounts,
                           io.kubelite.objectstore.admission.DefaultStorageClass defaultStorageClass,
                           io.kubelite.objectstore.admission.PriorityAdmission priorities,
                           io.kubelite.objectstore.admission.RuntimeClassAdmission runtimeClasses,
                           NameGenerator names, ModelCatalog schemas,
                           RbacEscalation escalation, FieldOwnership ownership, ConfiguredAdmission configured,
                           io.kubelite.objectstore.admission.PodSecurityAdmission podSecurity,
                           CertificateAdmission certificates) {
        this.podSecurity = podSecurity;
        this.certificates = certificates;
        this.ownership = ownership;
        this.configured = configured;
        this.schemas = schemas;
        this.escalation = escalation;
        this.serviceAccounts = serviceAccounts;
        this.defaultStorageClass = defaultStorageClass;
        this.priorities = priorities;
        this.runtimeClasses = runtimeClasses;
        this.names = names;
        this.store = store;
        this.registry = registry;
        this.converter = converter;
        this.admission = admission;
        this.namespaces = namespaces;
        this.updateRules = updateRules;
        this.services = services;
        this.limitRanger = limitRanger;
        this.quotas = quotas;
    }

    /** The object in {@code type}'s version, or 404. */
    public StoredObject get(ResourceType type, String namespace, String name) {
        return store.get(type.storageResource(), ns(type, namespace), name)
                .map(o -> served(type, o))
                .orElseThrow(() -> ApiException.notFound(type.group(), type.resource(), name));
    }

    public StoredObject served(ResourceType type, StoredObject o) {
        ObjectNode body = converter.fromStorage(type, o.body());
        return new StoredObject(o.id(), o.resource(), o.namespace(), o.name(), o.uid(), o.resourceVersion(), body);
    }

    public StoredObject create(ResourceType type, String namespace, ObjectNode body, WriteOptions options) {
        return create(type, namespace, body, options, null);
    }

    /** A create; {@code applied} holds the entries of the apply that creates it, if one does. */
    private StoredObject create(ResourceType type, String namespace, ObjectNode body, WriteOptions options,
                                List<ManagedFieldsEntry> applied) {
        if (registry.custom(type).map(registry::terminating).orElse(false)) {
            throw ApiException.methodNotAllowed("create not allowed while custom resource definition is terminating");
        }
        checkTypeMeta(type, body);
        ObjectNode meta = ObjectMetadata.meta(body);
        if (type.namespaced()) {
            String inBody = meta.path("namespace").asString("");
            if (!inBody.isEmpty() && !inBody.equals(namespace)) {
                throw ApiException.badRequest("the namespace of the provided object (" + inBody
                        + ") does not match the namespace sent on the request (" + namespace + ")");
            }
            meta.put("namespace", namespace);
        } else {
            meta.remove("namespace");
        }
        ResourceType storage = registry.storageType(type);
        Admission.Request request = admission.decode(type, storage, body);
        converter.toStorage(type, body);
        String generateName = ObjectMetadata.generateNamePrefix(body);
        if (!generateName.isEmpty()) {
            ObjectMetadata.meta(body).put("name", names.generate(generateName));
        }
        ObjectMetadata.prepareCreate(body, storage.tracksGeneration());
        if (ObjectMetadata.name(body).isEmpty()) {
            throw ApiException.invalid(type.group(), type.kind(), "", java.util.List.of(new ApiException.Cause(
                    "FieldValueRequired", "Required value: name or generateName is required", "metadata.name")));
        }
        StatusRules.resetOnCreate(storage, body);
        JobSelectors.generate(storage, body);
        if (CertificateRequests.is(storage)) {
            certificates.admitCreate(body);
        }
        boolean pod = isPod(storage) && type.namespaced();
        // what the creator owns: the object it sent, defaulted — not what admission or the
        // allocators add after (a pod's token volume and tolerations, a claim's class, a Service's
        // addresses), which kube-apiserver's field manager never sees; else a client-side applier's
        // move to server-side apply would later remove them
        ObjectNode requested = applied == null && (pod || addsToTheRequest(storage)) ? body.deepCopy() : null;
        if (pod) {
            // mutating admission before defaulting and validation, so that what it adds (the token
            // volume) is stored defaulted, as every later update will default it; the namespace is
            // checked first, so a pod for a missing namespace is answered 404, not "no such account"
            namespaces.checkCreateAllowed(namespace, storage, ObjectMetadata.name(body));
            limitRanger.admitPod(namespace, body);
            serviceAccounts.admitPod(namespace, body);
            priorities.admitPod(body);
            runtimeClasses.admitPod(body);
        }
        if (storage.resource().equals("persistentvolumeclaims") && storage.group().isEmpty()) {
            defaultStorageClass.admitClaim(body);
        }
        if (storage.resource().equals("ingresses") && storage.group().equals("networking.k8s.io")) {
            defaultStorageClass.admitIngress(body);
        }
        JsonNode entries = FieldOwnership.detach(body);
        Admission.Admitted admitted = admission.admit(storage, request, body, options.fieldValidation(),
                Admission.Write.CREATE);
        options.warnings().addAll(admitted.warnings());
        ConfiguredAdmission.Write creation = new ConfiguredAdmission.Write("CREATE", storage, type, options.subresource(),
                ns(type, namespace), ObjectMetadata.name(body), Admission.Write.CREATE);
        ObjectNode object = configured.mutate(creation, FieldOwnership.attach(admitted.body(), entries), null, options);
        StatusRules.afterAdmission(storage, object);
        if (pod) {
            runtimeClasses.validatePod(object);
        }
        escalation.check(storage, namespace, object);
        if (storage.resource().equals("services") && storage.group().isEmpty()) {
            services.allocate(object, null);
        }
        configured.validate(creation, object, null, options);
        if (type.namespaced()) {
            options.warnings().addAll(podSecurity.admit(storage, namespace, object));
        } else if (isNamespace(storage)) {
            options.warnings().addAll(podSecurity.admitNamespace(object, null));
        }
        if (type.namespaced()) {
            if (!pod) {
                namespaces.checkCreateAllowed(namespace, storage, ObjectMetadata.name(body));
            }
            quotas.admitCreate(storage, namespace, object);
        }
        ownership.recordCreate(storage, type.apiVersion(), object,
                requested == null ? object : admission.defaulted(storage, requested), options, applied);
        if (options.dryRun()) {
            return new StoredObject(0, storage.storageResource(), ns(type, namespace), ObjectMetadata.name(object),
                    object.path("metadata").path("uid").asString(), 0, converter.fromStorage(type, object));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                StoredObject created = served(type, store.commit(new Mutation.Create(storage.storageResource(), object)));
                if (isNamespace(storage)) {
                    createDefaultServiceAccount(created.name());
                }
                return created;
            } catch (DuplicateObjectException e) {
                if (generateName.isEmpty()) {
                    throw ApiException.alreadyExists(type.group(), type.resource(), ObjectMetadata.name(object));
                }
                if (attempt == NAME_GENERATION_ATTEMPTS) {
                    throw ApiException.generatedNameConflict(type.group(), type.resource(), ObjectMetadata.name(object));
                }
                ObjectMetadata.meta(object).put("name", names.generate(generateName));
            }
        }
    }

    /** Kinds other than pods whose creates admission or an allocator adds to: claims, ingresses, Services. */
    private static boolean addsToTheRequest(ResourceType storage) {
        return storage.group().isEmpty() && (storage.resource().equals("persistentvolumeclaims")
                || storage.resource().equals("services"))
                || storage.group().equals("networking.k8s.io") && storage.resource().equals("ingresses");
    }

    /**
     * A namespace's ServiceAccount {@code default}, made with the namespace so that its first pod
     * finds it (the service account controller makes it again should it be deleted, or be missing
     * after a crash between the two writes).
     */
    public void createDefaultServiceAccount(String namespace) {
        ResourceType accounts = registry.find("", "v1", "serviceaccounts").orElseThrow();
        ObjectNode account = JsonNodeFactory.instance.objectNode();
        account.put("apiVersion", "v1");
        account.put("kind", "ServiceAccount");
        account.putObject("metadata").put("name", ServiceAccountAdmission.DEFAULT);
        try {
            create(accounts, namespace, account, SystemWrites.options());
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }

    /** PUT of the whole object, or of its status when {@code scope} is STATUS. */
    public StoredObject update(ResourceType type, String namespace, String name, ObjectNode body, WriteOptions options,
                               Scope scope) {
        checkTypeMeta(type, body);
        String bodyName = ObjectMetadata.name(body);
        if (!bodyName.isEmpty() && !bodyName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + name + ")");
        }
        StoredObject current = get(type, namespace, name);
        String sentRv = body.path("metadata").path("resourceVersion").asString("");
        if (!sentRv.isEmpty() && !sentRv.equals(Long.toString(current.resourceVersion()))) {
            throw ApiException.conflict(type.group(), type.resource(), name,
                    "the object has been modified; please apply your changes to the latest version and try again");
        }
        try {
            return write(type, current, body, options, scope, null);
        } catch (StaleWriteException e) {
            throw ApiException.conflict(type.group(), type.resource(), name,
                    "the object has been modified; please apply your changes to the latest version and try again");
        }
    }

    /** PATCH in any of the four formats; server-side apply creates the object when it is missing. */
    public StoredObject patch(ResourceType type, String namespace, String name, PatchType patchType, JsonNode patch,
                              WriteOptions options, Scope scope) {
        long deadline = System.nanoTime() + RETRY_BUDGET_NANOS;
        ObjectNode config = patchType == PatchType.APPLY ? applyConfiguration(type, name, patch) : null;
        while (true) {
            StoredObject current;
            try {
                current = get(type, namespace, name);
            } catch (ApiException e) {
                if (e.code() == 404 && config != null && scope != Scope.STATUS && scope != Scope.APPROVAL) {
                    FieldManager.Applied created = ownership.apply(type, registry.storageType(type), null, config,
                            options, scope);
                    return create(type, namespace, (ObjectNode) created.object(), options, created.entries());
                }
                throw e;
            }
            FieldManager.Applied applied = config == null ? null
                    : ownership.apply(type, registry.storageType(type), current.body(), config, options, scope);
            ObjectNode patched = applied != null ? (ObjectNode) applied.object()
                    : applyPatch(type, current.body(), patchType, patch);
            String sentRv = patched.path("metadata").path("resourceVersion").asString("");
            if (!sentRv.isEmpty() && !sentRv.equals(Long.toString(current.resourceVersion()))) {
                throw ApiException.conflict(type.group(), type.resource(), name,
                        "the object has been modified; please apply your changes to the latest version and try again");
            }
            try {
                return write(type, current, patched, options, scope, applied != null ? applied.entries() : null);
            } catch (StaleWriteException e) {
                if (System.nanoTime() > deadline) {
                    throw ApiException.conflict(type.group(), type.resource(), name,
                            "the object is being modified too often; try again");
                }
            }
        }
    }

    /** The configuration of a server-side apply: an object of the request's kind and name. */
    private static ObjectNode applyConfiguration(ResourceType type, String name, JsonNode patch) {
        if (!(patch instanceof ObjectNode config)) {
            throw ApiException.badRequest("the applied configuration must be an object, not " + patch.getNodeType());
        }
        checkTypeMeta(type, config);
        String configName = ObjectMetadata.name(config);
        if (!configName.isEmpty() && !configName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + configName
                    + ") does not match the name on the URL (" + name + ")");
        }
        return config;
    }

    /** Read-modify-write of a stored object by the server itself (scale, binding), retried on races. */
    public StoredObject modify(ResourceType type, String namespace, String name, UnaryOperator<ObjectNode> change,
                               WriteOptions options, Scope scope) {
        long deadline = System.nanoTime() + RETRY_BUDGET_NANOS;
        while (true) {
            StoredObject current = get(type, namespace, name);
            ObjectNode changed = change.apply(current.body().deepCopy());
            try {
                return write(type, current, changed, options, scope, null);
            } catch (StaleWriteException e) {
                if (System.nanoTime() > deadline) {
                    throw ApiException.conflict(type.group(), type.resource(), name,
                            "the object is being modified too often; try again");
                }
            }
        }
    }

    /** Writes {@code requested} over {@code current}; {@code applied} holds the entries of an apply, if it is one. */
    private StoredObject write(ResourceType type, StoredObject current, ObjectNode requested, WriteOptions options,
                               Scope scope, List<ManagedFieldsEntry> applied) {
        ResourceType storage = registry.storageType(type);
        ObjectNode old = converter.toStorage(type, current.body().deepCopy());
        Admission.Request request = admission.decode(type, storage, requested);
        ObjectNode body = converter.toStorage(type, requested);
        if (type.namespaced()) {
            ObjectMetadata.meta(body).put("namespace", current.namespace());
        }
        ObjectMetadata.meta(body).put("name", current.name());
        if (scope == Scope.STATUS) {
            body = StatusRules.takeStatusOnly(old, body);
        } else if (scope == Scope.EPHEMERAL_CONTAINERS) {
            body = StatusRules.takeEphemeralContainersOnly(old, body);
        } else if (scope == Scope.APPROVAL) {
            body = StatusRules.takeConditionsOnly(old, body);
        } else if (scope == Scope.OBJECT) {
            if (storage.hasSubresource("status")) {
                StatusRules.keepStatus(old, body);
            }
            if (storage.hasSubresource("ephemeralcontainers")) {
                StatusRules.keepEphemeralContainers(old, body);
            }
        }
        if (CertificateRequests.is(storage)) {
            CertificateRequests.prepareUpdate(scope, old, body, ObjectMetadata.now());
        }
        ObjectMetadata.prepareUpdate(body, old, storage.tracksGeneration());
        JsonNode entries = FieldOwnership.detach(body);
        Admission.Write write = scope == Scope.STATUS || scope == Scope.APPROVAL ? Admission.Write.STATUS
                : Admission.Write.UPDATE;
        Admission.Admitted admitted = admission.admit(storage, request, body, old, options.fieldValidation(), write);
        options.warnings().addAll(admitted.warnings());
        String subresource = switch (scope) {
            case STATUS -> "status";
            case EPHEMERAL_CONTAINERS -> "ephemeralcontainers";
            default -> options.subresource();
        };
        ConfiguredAdmission.Write update = new ConfiguredAdmission.Write("UPDATE", storage, type, subresource,
                current.namespace(), current.name(), write);
        ObjectNode object = configured.mutate(update, FieldOwnership.attach(admitted.body(), entries), old, options);
        if (scope == Scope.OBJECT) {
            StatusRules.afterAdmission(storage, object);
        }
        if (storage.resource().equals("services") && storage.group().isEmpty()) {
            services.allocate(object, old);
        }
        updateRules.check(storage, old, object);
        escalation.check(storage, current.namespace(), object);
        if (CertificateRequests.is(storage)) {
            certificates.admitUpdate(scope, old, object);
        }
        configured.validate(update, object, old, options);
        if (isNamespace(storage) && scope == Scope.OBJECT) {
            options.warnings().addAll(podSecurity.admitNamespace(object, old));
        }
        if (applied != null) {
            FieldOwnership.store(object, applied);
        } else {
            ownership.recordUpdate(storage, type.apiVersion(), old, object, options, scope);
        }
        Mutation mutation;
        if (FinalizerRules.readyToDelete(object)) {
            mutation = new Mutation.Delete(storage.storageResource(), current.id(), current.resourceVersion(), object);
        } else {
            mutation = new Mutation.Update(storage.storageResource(), current.id(), current.resourceVersion(), object);
        }
        if (options.dryRun()) {
            return new StoredObject(current.id(), current.resource(), current.namespace(), current.name(), current.uid(),
                    current.resourceVersion(), converter.fromStorage(type, object));
        }
        if (object.equals(old) && mutation instanceof Mutation.Update) {
            return current;
        }
        return served(type, store.commit(mutation));
    }

    private ObjectNode applyPatch(ResourceType type, ObjectNode current, PatchType patchType, JsonNode patch) {
        try {
            JsonNode result = switch (patchType) {
                case JSON -> JsonPatch.apply(current, patch);
                case MERGE -> JsonMergePatch.apply(current, patch);
                case STRATEGIC, APPLY -> StrategicMergePatch.apply(current, patch, schemas.patchSchema(type));
            };
            if (!(result instanceof ObjectNode object)) {
                throw ApiException.badRequest("the patch turned the object into " + result.getNodeType());
            }
            return object;
        } catch (PatchException e) {
            throw new ApiException(422, "Invalid", e.getMessage(), type.group(), type.kind(),
                    ObjectMetadata.name(current), java.util.List.of(new ApiException.Cause("FieldValueInvalid",
                    e.getMessage(), "patch")));
        }
    }

    private static void checkTypeMeta(ResourceType type, ObjectNode body) {
        String kind = body.path("kind").asString("");
        String apiVersion = body.path("apiVersion").asString("");
        if (kind.isEmpty()) {
            body.put("kind", type.kind());
        } else if (!kind.equals(type.kind())) {
            throw ApiException.badRequest("the kind in the body (" + kind + ") does not match the resource "
                    + type.resource() + " (" + type.kind() + ") of the request");
        }
        if (apiVersion.isEmpty()) {
            body.put("apiVersion", type.apiVersion());
        } else if (!apiVersion.equals(type.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
    }

    private static boolean isNamespace(ResourceType storage) {
        return storage.group().isEmpty() && storage.resource().equals("namespaces");
    }

    private static boolean isPod(ResourceType storage) {
        return storage.resource().equals("pods") && storage.group().isEmpty();
    }

    static String ns(ResourceType type, String namespace) {
        return type.namespaced() ? namespace : "";
    }
}
