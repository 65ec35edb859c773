package io.kubelite.objectstore.admission;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelite.machinery.defaulting.Defaults;
import io.kubelite.machinery.validation.FieldError;
import io.kubelite.machinery.validation.ObjectValidator;
import io.kubelite.machinery.validation.UnknownFields;
import io.kubelite.objectstore.crd.CustomResourceSchemas;
import io.kubelite.objectstore.crd.ValidationRules;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.policy.AdmissionPolicies;
import io.kubelite.objectstore.webhook.AdmissionWebhooks;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.rest.ObjectCodec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Decoding, defaulting and validation of an object about to be written, in Kubernetes' order:
 * strict decoding (unknown fields), defaults, then validation.
 *
 * <p>Unknown fields are answered as {@code fieldValidation} asks: {@code Strict} (kubectl's
 * default) fails with 400 "strict decoding error" — or, when the object is also invalid, with
 * one 422 naming both the unknown and the invalid fields, so a misplaced block (a Deployment's
 * {@code template} nested under {@code selector}) is reported where it went and where it was
 * missed; {@code Warn} passes with a warning per field; {@code Ignore} passes silently.
 */
@Component
public class Admission {

    private final ObjectCodec codec;
    private final ObjectValidator validator = new ObjectValidator();
    private final ResourceRegistry registry;
    private final CustomResourceSchemas schemas;

    public Admission(ObjectCodec codec, ResourceRegistry registry, CustomResourceSchemas schemas) {
        this.codec = codec;
        this.registry = registry;
        this.schemas = schemas;
    }

    /** The admitted object as a JSON tree of the storage version, plus warnings for the client. */
    public record Admitted(ObjectNode body, HasMetadata typed, List<String> warnings) {
    }

    /** What a write is: a create, an update, or an update through the status subresource. */
    public enum Write { CREATE, UPDATE, STATUS }

    /**
     * The write as the client made it: the resource it named, whose version decides how strictly an
     * Event is judged (events.k8s.io/v1 holds it to kube's strict rules, core/v1 does not), and the
     * fields of its body that version does not have ({@link #decode}).
     */
    public record Request(ResourceType requested, List<String> unknownFields) {

        /** A request whose body had nothing its version lacks (or was not decoded in it). */
        public static Request of(ResourceType requested) {
            return new Request(requested, List.of());
        }
    }

    /**
     * Decodes a body in the request's version when that version has a schema of its own
     * (events.k8s.io/v1 Events, autoscaling/v1 HorizontalPodAutoscalers), as kube-apiserver decodes
     * into the request's version before converting to the storage one: the fields that version does
     * not have are dropped from {@code body} and returned with the request, to be answered under
     * {@code fieldValidation} with any the storage version finds. A value of the wrong type is 400.
     */
    public Request decode(ResourceType requested, ResourceType storageType, ObjectNode body) {
        if (requested.isCustom() || requested.model() == storageType.model()) {
            return Request.of(requested);
        }
        HasMetadata typed = codec.toTyped(requested, body);
        List<String> unknown = UnknownFields.drop(typed);
        if (!unknown.isEmpty()) {
            ObjectNode known = codec.toTree(typed);
            body.removeAll();
            body.setAll(known);
        }
        return new Request(requested, unknown);
    }

    /**
     * {@code body} as decoding and defaulting leave it, before the admission plugins and without
     * validation: what a create's
     * manager owns in kube-apiserver, whose field manager runs before mutating admission and the
     * registry's allocations (a copy; {@code body} is not changed).
     */
    public ObjectNode defaulted(ResourceType storageType, ObjectNode body) {
        if (storageType.isCustom()) {
            ObjectNode copy = body.deepCopy();
            registry.custom(storageType).ifPresent(v -> schemas.applyDefaults(v, copy));
            return copy;
        }
        HasMetadata typed = codec.toTyped(storageType, body.deepCopy());
        Defaults.applyWithoutAdmissionPlugins(typed);
        return codec.toTree(typed);
    }

    /**
     * {@code write}: a create is also held to what only a create checks
     * ({@link ObjectValidator#validateCreate}), a status write to less
     * ({@link ObjectValidator#validateStatusWrite}).
     */
    public Admitted admit(ResourceType storageType, Request request, ObjectNode body, FieldValidation validation,
                          Write write) {
        return admit(storageType, request, body, null, validation, write);
    }

    /**
     * As {@link #admit(ResourceType, Request, ObjectNode, FieldValidation, Write)}; {@code old} is the
     * stored object an update replaces (storage version; null on a create), which a custom resource's
     * transition rules and an Event's immutable fields are judged against.
     */
    public Admitted admit(ResourceType storageType, Request request, ObjectNode body, ObjectNode old,
                          FieldValidation validation, Write write) {
        if (storageType.isCustom()) {
            return admitCustom(storageType, body, old, validation);
        }
        HasMetadata typed = codec.toTyped(storageType, body);
        List<String> unknown = new ArrayList<>(request.unknownFields());
        unknown.addAll(UnknownFields.find(typed));
        Defaults.apply(typed);
        List<FieldError> errors = switch (write) {
            case CREATE -> validator.validateCreate(typed, storageType.namespaced());
            case UPDATE -> validator.validate(typed, storageType.namespaced());
            case STATUS -> validator.validateStatusWrite(typed, storageType.namespaced());
        };
        if (typed instanceof Event event && isEventsApi(request.requested()) && write != Write.STATUS) {
            errors = new ArrayList<>(errors);
            errors.addAll(write == Write.CREATE || old == null ? validator.validateEventsApiCreate(event)
                    : validator.validateEventsApiUpdate(event, (Event) codec.toTyped(storageType, old)));
        }
        if (storageType.resource().equals("customresourcedefinitions") && storageType.group().equals("apiextensions.k8s.io")) {
            errors = new ArrayList<>(errors);
            errors.addAll(ValidationRules.compileErrors(body));
        }
        if (storageType.storageResource().equals(AdmissionPolicies.POLICIES) && write != Write.STATUS) {
            errors = new ArrayList<>(errors);
            errors.addAll(AdmissionPolicies.compileErrors(body));
        }
        if (io.kubelite.objectstore.certificates.CertificateRequests.is(storageType)) {
            errors = new ArrayList<>(errors);
            errors.addAll(io.kubelite.objectstore.certificates.CertificateRequests.validate(body));
        }
        if (AdmissionWebhooks.isConfigurationResource(storageType.storageResource())) {
            errors = new ArrayList<>(errors);
            errors.addAll(AdmissionWebhooks.compileErrors(body));
        }
        List<String> warnings = answer(storageType, typed, unknown, errors, validation);
        return new Admitted(codec.toTree(typed), typed, warnings);
    }

    /**
     * A custom resource, as kube-apiserver admits one: fields its definition's schema does not
     * declare are pruned (and reported as unknown fields under {@code fieldValidation}), the schema's
     * defaults applied, then the metadata and the schema validated. The stored body is the pruned
     * JSON itself, not a re-encoding.
     */
    private Admitted admitCustom(ResourceType storageType, ObjectNode body, ObjectNode old, FieldValidation validation) {
        var version = registry.custom(storageType);
        List<String> unknown = version.map(v -> schemas.prune(v, body)).orElse(List.of());
        version.ifPresent(v -> schemas.applyDefaults(v, body));
        HasMetadata typed = codec.toTyped(storageType, body);
        List<FieldError> errors = new ArrayList<>(validator.validate(typed, storageType.namespaced()));
        List<String> ratcheted = new ArrayList<>();
        version.ifPresent(v -> {
            var outcome = schemas.validate(v, body, old);
            errors.addAll(outcome.errors());
            ratcheted.addAll(outcome.warnings());
        });
        List<String> warnings = new ArrayList<>(answer(storageType, typed, unknown, errors, validation));
        warnings.addAll(ratcheted);
        return new Admitted(body, typed, warnings);
    }

    /**
     * Refuses an invalid object (422), and unknown fields as {@code fieldValidation} asks: Strict →
     * 400 "strict decoding error" (or one 422 with the invalid fields too), Warn → the warnings
     * returned, Ignore → nothing.
     */
    private static List<String> answer(ResourceType storageType, HasMetadata typed, List<String> unknown,
                                       List<FieldError> errors, FieldValidation validation) {
        String name = typed.getMetadata() == null ? "" : nullToEmpty(typed.getMetadata().getName());
        List<String> warnings = new ArrayList<>();
        if (!unknown.isEmpty()) {
            switch (validation) {
                case STRICT -> {
                    if (errors.isEmpty()) {
                        throw ApiException.badRequest(storageType.kind() + " in version \"" + storageType.version()
                                + "\" cannot be handled as a " + storageType.kind() + ": "
                                + UnknownFields.strictDecodingError(unknown));
                    }
                    List<ApiException.Cause> causes = new ArrayList<>();
                    for (String field : unknown) {
                        causes.add(new ApiException.Cause("FieldValueInvalid", "unknown field \"" + field + "\"", field));
                    }
                    causes.addAll(causes(errors));
                    throw ApiException.invalid(storageType.group(), storageType.kind(), name, causes);
                }
                case WARN -> unknown.forEach(f -> warnings.add("unknown field \"" + f + "\""));
                case IGNORE -> {
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(storageType.group(), storageType.kind(), name, causes(errors));
        }
        return warnings;
    }

    private static boolean isEventsApi(ResourceType requested) {
        return requested.group().equals("events.k8s.io") && requested.resource().equals("events");
    }

    /** Validation errors found on a write that is otherwise computed by the server (status, scale). */
    public void validateOnly(ResourceType storageType, ObjectNode body) {
        HasMetadata typed = codec.toTyped(storageType, body);
        List<FieldError> errors = validator.validate(typed, storageType.namespaced());
        if (!errors.isEmpty()) {
            String name = typed.getMetadata() == null ? "" : nullToEmpty(typed.getMetadata().getName());
            throw ApiException.invalid(storageType.group(), storageType.kind(), name, causes(errors));
        }
    }

    private static List<ApiException.Cause> causes(List<FieldError> errors) {
        return errors.stream().map(e -> new ApiException.Cause(e.type().reason(), e.message(), e.field())).toList();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
