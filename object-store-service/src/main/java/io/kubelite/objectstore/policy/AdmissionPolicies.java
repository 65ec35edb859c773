package io.kubelite.objectstore.policy;

import io.kubelite.machinery.validation.FieldError;
import io.kubelite.objectstore.admission.RequestNamespace;
import io.kubelite.objectstore.authorization.RbacAuthorizer;
import io.kubelite.objectstore.cel.Authorizer;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ValidatingAdmissionPolicies and their bindings, enforced on every write as kube-apiserver's
 * ValidatingAdmissionPolicy plugin enforces them: for each binding whose policy matches the request
 * ({@link MatchResources}, the policy's constraints and then the binding's), the policy is evaluated
 * once per parameter object ({@link PolicyParams}, {@link PolicyEvaluation}) and each denial is
 * handled as the binding's {@code validationActions} say — {@code Deny} refuses the request,
 * {@code Warn} answers with a warning, {@code Audit} (no audit log here) records nothing.
 *
 * <p>A refusal reads as kube-apiserver's: {@code deployments.apps "nginx" is forbidden:
 * ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit-test' denied request: failed
 * expression: object.spec.replicas <= 5}, with the code of the validation's {@code reason} (422 for
 * the default Invalid, 403 Forbidden, 401 Unauthorized, 413 RequestEntityTooLarge).
 *
 * <p>The compiled policies are read again right after this replica writes a policy or a binding
 * (so the next request is held to it), and every two seconds for writes of other replicas.
 */
@Component
public class AdmissionPolicies implements ApplicationRunner {

    public static final String POLICIES = "validatingadmissionpolicies.admissionregistration.k8s.io";
    public static final String BINDINGS = "validatingadmissionpolicybindings.admissionregistration.k8s.io";

    /** What is enforced now: the compiled policies by name, and every binding. */
    private record Snapshot(Map<String, CompiledPolicy> policies, List<JsonNode> bindings) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), List.of());
    }

    private final ObjectStore store;
    private final PolicyParams params;
    /** What the {@code authorizer} of expressions asks. */
    private final Authorizer.Authorize authorize;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    public AdmissionPolicies(ObjectStore store, ResourceRegistry registry, RbacAuthorizer authorizer) {
        this.store = store;
        this.params = new PolicyParams(store, registry);
        this.authorize = authorizer::authorize;
    }

    @Override
    public void run(ApplicationArguments args) {
        reload();
    }

    @Scheduled(fixedDelayString = "${kubelite.store.policy-refresh:2s}", initialDelayString = "${kubelite.store.policy-refresh:2s}")
    public void refresh() {
        reload();
    }

    /** Whether {@code storageResource} ({@code plural.group}) holds policies or bindings, whose writes change what is enforced. */
    public static boolean isPolicyResource(String storageResource) {
        return storageResource.equals(POLICIES) || storageResource.equals(BINDINGS);
    }

    /**
     * The expressions of a policy about to be stored that do not compile, refused as kube-apiserver
     * refuses them: {@code spec.validations[0].expression: Invalid value: "object.spec.replicas <=":
     * compilation failed: ERROR: <input>:1:24: Syntax error: …}.
     */
    public static List<FieldError> compileErrors(JsonNode policy) {
        return CompiledPolicy.compileErrors(policy).stream()
                .map(e -> new FieldError(e.field(), FieldError.Type.INVALID, e.source(), e.detail())).toList();
    }

    /** Reads the policies and bindings; a policy whose resourceVersion has not moved keeps its compiled expressions. */
    public synchronized void reload() {
        Snapshot before = snapshot;
        Map<String, CompiledPolicy> policies = new HashMap<>();
        for (StoredObject p : store.all(POLICIES)) {
            CompiledPolicy known = before.policies().get(p.name());
            policies.put(p.name(), known != null && known.resourceVersion() == p.resourceVersion() ? known
                    : CompiledPolicy.of(p.name(), p.resourceVersion(), p.body()));
        }
        List<StoredObject> stored = new ArrayList<>(store.all(BINDINGS));
        stored.sort(Comparator.comparing(StoredObject::name));
        List<JsonNode> bindings = new ArrayList<>();
        for (StoredObject b : stored) {
            bindings.add(b.body());
        }
        snapshot = new Snapshot(Map.copyOf(policies), List.copyOf(bindings));
    }

    /** Whether any binding exists: without one, no request needs to be described to {@link #admit}. */
    public boolean enforcesAny() {
        return !snapshot.bindings().isEmpty();
    }

    /**
     * Holds {@code request} to every bound policy that matches it: returns the warnings for the
     * client, or throws the refusal of the first denial.
     */
    public List<String> admit(PolicyRequest request, RequestNamespace namespace) {
        Snapshot now = snapshot;
        if (now.bindings().isEmpty()) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        for (JsonNode binding : now.bindings()) {
            String policyName = binding.path("spec").path("policyName").asString("");
            CompiledPolicy policy = now.policies().get(policyName);
            if (policy == null || !MatchResources.matches(policy.matchConstraints(), request, namespace::labels)) {
                continue;
            }
            if (!MatchResources.matches(binding.path("spec").get("matchResources"), request, namespace::labels)) {
                continue;
            }
            String bindingName = binding.path("metadata").path("name").asString("");
            List<String> actions = new ArrayList<>();
            binding.path("spec").path("validationActions").forEach(a -> actions.add(a.asString("")));
            List<PolicyEvaluation.Denial> denials = new ArrayList<>();
            try {
                for (JsonNode param : params.collect(policy, binding, request)) {
                    denials.addAll(PolicyEvaluation.evaluate(policy, request, param, namespace.object(), authorize));
                }
            } catch (PolicyParams.ConfigurationError e) {
                if (policy.failOnError()) {
                    denials.add(new PolicyEvaluation.Denial(e.getMessage(), "Invalid"));
                }
            }
            for (PolicyEvaluation.Denial denial : denials) {
                if (actions.contains("Warn")) {
                    warnings.add("Validation failed for ValidatingAdmissionPolicy '" + policyName + "' with binding '"
                            + bindingName + "': " + denial.message());
                }
                if (actions.contains("Deny")) {
                    throw refusal(request, policyName, bindingName, denial);
                }
            }
        }
        return warnings;
    }

    private static ApiException refusal(PolicyRequest request, String policy, String binding, PolicyEvaluation.Denial denial) {
        String why = "ValidatingAdmissionPolicy '" + policy + "' with binding '" + binding + "' denied request: "
                + denial.message();
        String group = request.requested().group();
        String resource = request.requested().resource() + (request.subresource().isEmpty() ? "" : "/" + request.subresource());
        String qualified = group.isEmpty() ? resource : resource + "." + group;
        String name = request.name().isEmpty() ? "Unknown" : request.name();
        return new ApiException(codeOf(denial.reason()), denial.reason(), qualified + " \"" + name + "\" is forbidden: " + why,
                group, resource, name, List.of(new ApiException.Cause("", why, "")));
    }

    private static int codeOf(String reason) {
        return switch (reason) {
            case "Unauthorized" -> 401;
            case "Forbidden" -> 403;
            case "RequestEntityTooLarge" -> 413;
            default -> 422;
        };
    }
}
