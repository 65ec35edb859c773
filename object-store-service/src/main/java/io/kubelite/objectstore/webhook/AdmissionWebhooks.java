package io.kubelite.objectstore.webhook;

import io.kubelite.machinery.patch.JsonPatch;
import io.kubelite.objectstore.admission.RequestNamespace;
import io.kubelite.objectstore.authorization.RbacAuthorizer;
import io.kubelite.objectstore.cel.Authorizer;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.policy.MatchResources;
import io.kubelite.objectstore.policy.PolicyCel;
import io.kubelite.objectstore.policy.PolicyRequest;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Admission webhooks, called as kube-apiserver calls them: every Mutating- and
 * ValidatingWebhookConfiguration's webhooks whose rules, selectors and match conditions take the
 * request get an AdmissionReview ({@code admission.k8s.io/v1}). Mutating webhooks run first, one
 * after another in the order of their configurations' names, each seeing the object as the ones
 * before patched it (JSON patches); the object is then defaulted and validated again. Validating
 * webhooks run after validation and the admission policies. A webhook that says no refuses the
 * request with its status ({@code admission webhook "deny.example.com" denied the request: …}, 400
 * unless it gives a code of its own); one that cannot be called refuses it with 500 under
 * {@code failurePolicy: Fail} and is passed over under {@code Ignore}. Objects of
 * {@code admissionregistration.k8s.io} are never sent to webhooks, so a broken webhook can always
 * be removed. Webhooks are read again right after this replica writes a configuration, and every
 * two seconds.
 */
@Component
public class AdmissionWebhooks implements ApplicationRunner {

    public static final String VALIDATING = "validatingwebhookconfigurations.admissionregistration.k8s.io";
    public static final String MUTATING = "mutatingwebhookconfigurations.admissionregistration.k8s.io";

    private record Snapshot(List<Webhook> mutating, List<Webhook> validating) {
        static final Snapshot EMPTY = new Snapshot(List.of(), List.of());
    }

    /** The object after the mutating webhooks, and what they asked to tell the client. */
    public record Mutated(ObjectNode object, List<String> warnings, boolean changed) {
    }

    private final ObjectStore store;
    private final JsonMapper json;
    private final WebhookClient client;
    /** What the {@code authorizer} of match conditions asks. */
    private final Authorizer.Authorize authorize;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    public AdmissionWebhooks(ObjectStore store, JsonMapper json, WebhookClient client, RbacAuthorizer authorizer) {
        this.store = store;
        this.json = json;
        this.client = client;
        this.authorize = authorizer::authorize;
    }

    @Override
    public void run(ApplicationArguments args) {
        reload();
    }

    @Scheduled(fixedDelayString = "${kubelite.store.webhook-refresh:2s}", initialDelayString = "${kubelite.store.webhook-refresh:2s}")
    public void refresh() {
        reload();
    }

    public static boolean isConfigurationResource(String storageResource) {
        return storageResource.equals(VALIDATING) || storageResource.equals(MUTATING);
    }

    public synchronized void reload() {
        snapshot = new Snapshot(webhooks(MUTATING, Webhook.Type.MUTATING), webhooks(VALIDATING, Webhook.Type.VALIDATING));
    }

    private List<Webhook> webhooks(String resource, Webhook.Type type) {
        List<StoredObject> configurations = new ArrayList<>(store.all(resource));
        configurations.sort(Comparator.comparing(StoredObject::name));
        List<Webhook> webhooks = new ArrayList<>();
        configurations.forEach(c -> webhooks.addAll(Webhook.of(type, c.body())));
        return List.copyOf(webhooks);
    }

    /**
     * The match conditions of a webhook configuration about to be stored that do not compile, as
     * kube-apiserver refuses them: {@code webhooks[0].matchConditions[0].expression: Invalid value:
     * "object.x ==": compilation failed: ERROR: …}.
     */
    public static List<io.kubelite.machinery.validation.FieldError> compileErrors(JsonNode configuration) {
        List<io.kubelite.machinery.validation.FieldError> errors = new ArrayList<>();
        JsonNode webhooks = configuration.path("webhooks");
        for (int i = 0; i < webhooks.size(); i++) {
            JsonNode conditions = webhooks.get(i).path("matchConditions");
            for (int j = 0; j < conditions.size(); j++) {
                String source = conditions.get(j).path("expression").asString("");
                PolicyCel.Expression compiled = PolicyCel.condition(source);
                if (!source.isEmpty() && !compiled.compiled()) {
                    errors.add(new io.kubelite.machinery.validation.FieldError("webhooks[" + i + "].matchConditions[" + j
                            + "].expression", io.kubelite.machinery.validation.FieldError.Type.INVALID, source, compiled.error()));
                }
            }
        }
        return errors;
    }

    public boolean mutatesAny() {
        return !snapshot.mutating().isEmpty();
    }

    public boolean validatesAny() {
        return !snapshot.validating().isEmpty();
    }

    /**
     * Runs the mutating webhooks that take {@code request} on its object (a create or an update),
     * in order; then, once, those with {@code reinvocationPolicy: IfNeeded} that a later webhook's
     * patch changed the object after (kube-apiserver's reinvocation). Example: webhooks A (IfNeeded)
     * and B, where B adds a container → A is called again and sees it.
     */
    public Mutated mutate(PolicyRequest request, RequestNamespace namespace) {
        Pass pass = new Pass(request, namespace::labels);
        java.util.LinkedHashSet<Webhook> reinvoke = new java.util.LinkedHashSet<>();
        List<Webhook> called = new ArrayList<>();
        for (Webhook webhook : snapshot.mutating()) {
            if (pass.run(webhook)) {
                called.stream().filter(w -> w != webhook && w.reinvokeIfNeeded()).forEach(reinvoke::add);
            }
            called.add(webhook);
        }
        for (Webhook webhook : reinvoke) {
            pass.run(webhook);
        }
        return new Mutated(pass.object, pass.warnings, pass.changed);
    }

    /** The object as the mutating webhooks called so far have patched it. */
    private final class Pass {
        private final PolicyRequest request;
        private final Supplier<Map<String, String>> namespaceLabels;
        private ObjectNode object;
        private final List<String> warnings = new ArrayList<>();
        private boolean changed;

        Pass(PolicyRequest request, Supplier<Map<String, String>> namespaceLabels) {
            this.request = request;
            this.namespaceLabels = namespaceLabels;
            this.object = (ObjectNode) request.object();
        }

        /** Calls {@code webhook} if it takes the request; true when its patch changed the object. */
        boolean run(Webhook webhook) {
            PolicyRequest current = with(request, object);
            if (!applies(webhook, current, namespaceLabels)) {
                return false;
            }
            WebhookClient.Reply reply = call(webhook, current);
            if (reply == null) {
                return false;
            }
            warnings.addAll(reply.warnings());
            if (reply.patch() == null) {
                return false;
            }
            JsonNode patched;
            try {
                patched = JsonPatch.apply(object, reply.patch());
            } catch (RuntimeException e) {
                throw internal(webhook, "JSON patch could not be applied: " + e.getMessage());
            }
            if (!(patched instanceof ObjectNode patchedObject)) {
                throw internal(webhook, "the patch turned the object into " + patched.getNodeType());
            }
            boolean differs = !patchedObject.equals(object);
            changed |= differs;
            object = patchedObject;
            return differs;
        }
    }

    /** Runs the validating webhooks that take {@code request}: their warnings, or the refusal of the first that says no. */
    public List<String> validate(PolicyRequest request, RequestNamespace namespace) {
        List<String> warnings = new ArrayList<>();
        Supplier<Map<String, String>> namespaceLabels = namespace::labels;
        for (Webhook webhook : snapshot.validating()) {
            if (!applies(webhook, request, namespaceLabels)) {
                continue;
            }
            WebhookClient.Reply reply = call(webhook, request);
            if (reply != null) {
                warnings.addAll(reply.warnings());
            }
        }
        return warnings;
    }

    private boolean applies(Webhook webhook, PolicyRequest request, Supplier<Map<String, String>> namespaceLabels) {
        if (request.stored().group().equals("admissionregistration.k8s.io") || !webhook.hasRules()
                || !MatchResources.matches(webhook.match(), request, namespaceLabels)) {
            return false;
        }
        if (webhook.matchConditions().isEmpty()) {
            return true;
        }
        Map<String, Object> activation = new HashMap<>(PolicyCel.authorizer(authorize, request));
        activation.put("object", PolicyCel.toCel(request.object()));
        activation.put("oldObject", PolicyCel.toCel(request.oldObject()));
        activation.put("request", request.celRequest());
        activation.put("params", PolicyCel.toCel(null));
        activation.put("namespaceObject", PolicyCel.toCel(null));
        activation.put("variables", Map.of());
        List<String> errors = new ArrayList<>();
        for (PolicyCel.Expression condition : webhook.matchConditions()) {
            try {
                if (!Boolean.TRUE.equals(PolicyCel.eval(condition, activation))) {
                    return false;
                }
            } catch (PolicyCel.EvaluationError e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty() && webhook.failOnError()) {
            throw internal(webhook, "failed to evaluate match conditions: " + String.join(", ", errors));
        }
        return errors.isEmpty();
    }

    /** The webhook's answer when it allows the request; null when it failed under Ignore; throws its refusal. */
    private WebhookClient.Reply call(Webhook webhook, PolicyRequest request) {
        String uid = UUID.randomUUID().toString();
        WebhookClient.Reply reply;
        try {
            reply = client.call(webhook, AdmissionReviews.of(request, uid, json), uid);
        } catch (WebhookClient.CallFailure e) {
            if (webhook.failOnError()) {
                throw internal(webhook, "failed to call webhook: " + e.getMessage());
            }
            return null;
        }
        if (!reply.allowed()) {
            throw denied(webhook, reply.status());
        }
        return reply;
    }

    /** kube-apiserver's {@code ToStatusErr}: the webhook's status, at least 400, its message after "denied the request". */
    private static ApiException denied(Webhook webhook, JsonNode status) {
        String deniedBy = "admission webhook \"" + webhook.name() + "\" denied the request";
        JsonNode s = status == null ? tools.jackson.databind.node.MissingNode.getInstance() : status;
        int code = s.path("code").asInt(0);
        String message = s.path("message").asString("");
        String reason = s.path("reason").asString("");
        String text = !message.isEmpty() ? deniedBy + ": " + message : !reason.isEmpty() ? deniedBy + ": " + reason
                : deniedBy + " without explanation";
        return new ApiException(code < 400 ? 400 : code, reason, text, null, null, null, List.of());
    }

    private static ApiException internal(Webhook webhook, String detail) {
        String message = "failed calling webhook \"" + webhook.name() + "\": " + detail;
        return new ApiException(500, "InternalError", "Internal error occurred: " + message, null, null, null,
                List.of(new ApiException.Cause("", message, "")));
    }

    private static PolicyRequest with(PolicyRequest r, ObjectNode object) {
        return new PolicyRequest(r.operation(), r.stored(), r.requested(), r.subresource(), r.namespace(), r.name(), object,
                r.oldObject(), r.user(), r.dryRun());
    }
}
