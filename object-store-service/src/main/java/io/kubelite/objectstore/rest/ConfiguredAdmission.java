package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.admission.Admission;
import io.kubelite.objectstore.admission.AdmissionObjects;
import io.kubelite.objectstore.admission.RequestNamespace;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.authorization.UserInfo;
import io.kubelite.objectstore.policy.AdmissionPolicies;
import io.kubelite.objectstore.policy.PolicyRequest;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.webhook.AdmissionWebhooks;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admission the cluster's users configure, in kube-apiserver's order around the built-in
 * steps: mutating webhooks after defaulting (the object then defaulted and validated again), then
 * — after validation — ValidatingAdmissionPolicies and validating webhooks. Without any
 * configuration none of it costs a write more than a check of two empty lists.
 */
@Component
class ConfiguredAdmission {

    private final AdmissionPolicies policies;
    private final AdmissionWebhooks webhooks;
    private final Admission admission;
    private final AdmissionObjects snapshot;
    private final ObjectStore store;

    ConfiguredAdmission(AdmissionPolicies policies, AdmissionWebhooks webhooks, Admission admission,
                        AdmissionObjects snapshot, ObjectStore store) {
        this.snapshot = snapshot;
        this.store = store;
        this.policies = policies;
        this.webhooks = webhooks;
        this.admission = admission;
    }

    /** What the request is: its operation, kinds, subresource and place; the objects come with each step. */
    record Write(String operation, ResourceType stored, ResourceType requested, String subresource, String namespace,
                 String name, Admission.Write kind) {

        PolicyRequest with(JsonNode object, JsonNode oldObject, WriteOptions options) {
            return new PolicyRequest(operation, stored, requested, subresource, namespace, name, object, oldObject,
                    UserInfo.current(), options.dryRun());
        }
    }

    /** {@code object} after the mutating webhooks, defaulted and validated again if one changed it. */
    ObjectNode mutate(Write write, ObjectNode object, JsonNode oldObject, WriteOptions options) {
        if (!webhooks.mutatesAny()) {
            return object;
        }
        AdmissionWebhooks.Mutated mutated = webhooks.mutate(write.with(object, oldObject, options), namespace(write.namespace()));
        options.warnings().addAll(mutated.warnings());
        if (!mutated.changed()) {
            return object;
        }
        ObjectNode body = mutated.object();
        JsonNode entries = FieldOwnership.detach(body);
        Admission.Admitted again = admission.admit(write.stored(), Admission.Request.of(write.requested()), body,
                oldObject instanceof ObjectNode o ? o : null, options.fieldValidation(), write.kind());
        options.warnings().addAll(again.warnings());
        return FieldOwnership.attach(again.body(), entries);
    }

    /** Holds the write to the admission policies and validating webhooks; their warnings go to {@code options}. */
    void validate(Write write, JsonNode object, JsonNode oldObject, WriteOptions options) {
        if (!policies.enforcesAny() && !webhooks.validatesAny()) {
            return;
        }
        PolicyRequest request = write.with(object, oldObject, options);
        RequestNamespace ns = namespace(write.namespace());
        options.warnings().addAll(policies.admit(request, ns));
        options.warnings().addAll(webhooks.validate(request, ns));
    }

    /** A delete, held to the admission policies and validating webhooks (object null, oldObject the stored one). */
    void validateDelete(ResourceType stored, ResourceType requested, String namespace, String name, JsonNode current,
                        boolean dryRun) {
        if (!policies.enforcesAny() && !webhooks.validatesAny()) {
            return;
        }
        PolicyRequest request = new PolicyRequest("DELETE", stored, requested, "", namespace, name, null, current,
                UserInfo.current(), dryRun);
        RequestNamespace ns = namespace(namespace);
        policies.admit(request, ns);
        webhooks.validate(request, ns);
    }

    private RequestNamespace namespace(String name) {
        return new RequestNamespace(snapshot, store, name == null ? "" : name);
    }
}
