package io.kubelite.objectstore.certificates;

import io.kubelite.machinery.validation.FieldError;
import io.kubelite.machinery.validation.FieldPath;
import io.kubelite.machinery.validation.GoValues;
import io.kubelite.machinery.validation.NameRules;
import io.kubelite.objectstore.authorization.UserInfo;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.rest.Scope;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code certificates.k8s.io/v1} CertificateSigningRequests as kube-apiserver's registry treats
 * them: who asked is recorded in {@code spec} on create and nothing a client sends changes it; a
 * write to the object changes only its metadata, one to {@code status} the certificate and the
 * conditions but Approved and Denied, one to {@code approval} only the conditions
 * ({@code kubectl certificate approve/deny}); and kube's validation of the request (a PEM PKCS#10
 * request whose signature holds), usages, signer name, duration, conditions and certificate.
 */
public final class CertificateRequests {

    public static final String GROUP = "certificates.k8s.io";
    public static final String RESOURCE = "certificatesigningrequests";
    public static final String APPROVED = "Approved";
    public static final String DENIED = "Denied";
    public static final String FAILED = "Failed";
    public static final String KUBE_APISERVER_CLIENT = "kubernetes.io/kube-apiserver-client";

    /** Condition types whose status can only be True. */
    private static final Set<String> TRUE_ONLY = Set.of(APPROVED, DENIED, FAILED);
    private static final List<String> ALL_STATUSES = List.of("False", "True", "Unknown");

    /** kube's {@code KeyUsage} values, sorted as its error message lists them. */
    static final List<String> USAGES = List.of("any", "cert sign", "client auth", "code signing", "content commitment",
            "crl sign", "data encipherment", "decipher only", "digital signature", "email protection",
            "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment",
            "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping");

    /** Verifies every key type a request may carry; not registered with the JDK. */
    private static final java.security.Provider BOUNCY_CASTLE = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private static final int DNS1123_SUBDOMAIN_MAX = 253;
    private static final int DNS1123_LABEL_MAX = 63;
    private static final int MIN_EXPIRATION_SECONDS = 600;

    private CertificateRequests() {
    }

    public static boolean is(ResourceType storage) {
        return storage.group().equals(GROUP) && storage.resource().equals(RESOURCE);
    }

    /**
     * kube's PrepareForCreate: the requesting user (not what the client wrote) in
     * {@code spec.username/uid/groups/extra}; a request cannot arrive approved.
     */
    public static void prepareCreate(ObjectNode csr, UserInfo user) {
        ObjectNode spec = csr.withObjectProperty("spec");
        for (String field : List.of("username", "uid", "groups", "extra")) {
            spec.remove(field);
        }
        if (!user.name().isEmpty()) {
            spec.put("username", user.name());
        }
        if (user.uid() != null && !user.uid().isEmpty()) {
            spec.put("uid", user.uid());
        }
        if (!user.groups().isEmpty()) {
            ArrayNode groups = spec.putArray("groups");
            user.groups().forEach(groups::add);
        }
        if (!user.extra().isEmpty()) {
            ObjectNode extra = spec.putObject("extra");
            user.extra().forEach((key, values) -> {
                ArrayNode list = extra.putArray(key);
                values.forEach(list::add);
            });
        }
        csr.remove("status");
    }

    /**
     * kube's PrepareForUpdate of the three strategies, applied to {@code body}, the object as the
     * write would leave it — for STATUS and APPROVAL already the stored object with the written
     * status or conditions, for OBJECT with the stored status ({@code StatusRules.keepStatus}, as
     * for every kind with a status subresource). A write to the object keeps the stored spec too; a
     * status write that adds, drops or changes an Approved or Denied condition keeps the stored
     * conditions instead; condition times are filled in.
     */
    public static void prepareUpdate(Scope scope, ObjectNode old, ObjectNode body, String now) {
        defaultConditionStatus(body);
        switch (scope) {
            case STATUS -> {
                if (!sameInstances(body, old, APPROVED) || !sameInstances(body, old, DENIED)) {
                    JsonNode kept = old.path("status").get("conditions");
                    ObjectNode status = body.withObjectProperty("status");
                    if (kept == null) {
                        status.remove("conditions");
                    } else {
                        status.set("conditions", kept.deepCopy());
                    }
                }
                fillConditionTimes(body, old, now);
            }
            case APPROVAL -> fillConditionTimes(body, old, now);
            default -> {
                if (old.has("spec")) {
                    body.set("spec", old.get("spec").deepCopy());
                } else {
                    body.remove("spec");
                }
            }
        }
    }

    /** kube's defaulting of a condition: an empty status is True. */
    private static void defaultConditionStatus(ObjectNode csr) {
        for (JsonNode c : csr.path("status").path("conditions")) {
            if (c instanceof ObjectNode condition && condition.path("status").asString("").isEmpty()) {
                condition.put("status", "True");
            }
        }
    }

    /**
     * kube's preserveConditionInstances: as many conditions of {@code type} as stored, each put
     * back as stored; false (nothing changed) when the counts differ.
     */
    private static boolean sameInstances(ObjectNode csr, ObjectNode old, String type) {
        List<Integer> was = indices(old, type);
        List<Integer> now = indices(csr, type);
        if (was.size() != now.size()) {
            return false;
        }
        ArrayNode conditions = (ArrayNode) csr.path("status").path("conditions");
        for (int i = 0; i < was.size(); i++) {
            conditions.set(now.get(i), old.path("status").path("conditions").get(was.get(i)).deepCopy());
        }
        return true;
    }

    private static List<Integer> indices(JsonNode csr, String type) {
        List<Integer> found = new ArrayList<>();
        JsonNode conditions = csr.path("status").path("conditions");
        for (int i = 0; i < conditions.size(); i++) {
            if (type.equals(conditions.get(i).path("type").asString(""))) {
                found.add(i);
            }
        }
        return found;
    }

    /**
     * kube's populateConditionTimestamps: a missing lastUpdateTime is now; a missing
     * lastTransitionTime is the stored condition's of the same type and status, else now.
     */
    private static void fillConditionTimes(ObjectNode csr, ObjectNode old, String now) {
        for (JsonNode c : csr.path("status").path("conditions")) {
            if (!(c instanceof ObjectNode condition)) {
                continue;
            }
            if (condition.path("lastUpdateTime").asString("").isEmpty()) {
                condition.put("lastUpdateTime", now);
            }
            if (condition.path("lastTransitionTime").asString("").isEmpty()) {
                String time = now;
                for (JsonNode was : old.path("status").path("conditions")) {
                    if (was.path("type").equals(condition.path("type")) && was.path("status").equals(condition.path("status"))
                            && !was.path("lastTransitionTime").asString("").isEmpty()) {
                        time = was.path("lastTransitionTime").asString();
                        break;
                    }
                }
                condition.put("lastTransitionTime", time);
            }
        }
    }

    /** The PEM text of {@code spec.request} (base64 in JSON), or empty when it is not base64. */
    public static Optional<byte[]> requestBytes(JsonNode csr) {
        return base64(csr.path("spec").path("request"));
    }

    private static Optional<byte[]> base64(JsonNode field) {
        if (field.isMissingNode() || field.isNull()) {
            return Optional.of(new byte[0]);
        }
        try {
            return Optional.of(Base64.getDecoder().decode(field.asString("")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** kube's ValidateCertificateSigningRequestCreate, which every write is also held to (v1 rules). */
    public static List<FieldError> validate(JsonNode csr) {
        List<FieldError> errors = new ArrayList<>();
        FieldPath spec = FieldPath.of("spec");
        byte[] request = requestBytes(csr).orElse(new byte[0]);
        try {
            parse(request);
        } catch (InvalidRequestException e) {
            errors.add(FieldError.invalid(spec.child("request"), goBytes(request), e.getMessage()));
        }
        JsonNode usages = csr.path("spec").path("usages");
        if (usages.isEmpty()) {
            errors.add(FieldError.required(spec.child("usages"), ""));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < usages.size(); i++) {
            String usage = usages.get(i).asString("");
            if (!USAGES.contains(usage)) {
                errors.add(FieldError.notSupported(spec.child("usages").index(i), usage, USAGES));
            }
            if (!seen.add(usage)) {
                errors.add(FieldError.duplicate(spec.child("usages").index(i), usage));
            }
        }
        String signerName = csr.path("spec").path("signerName").asString("");
        if (signerName.equals("kubernetes.io/legacy-unknown")) {
            errors.add(FieldError.invalid(spec.child("signerName"), signerName,
                    "the legacy signerName is not allowed via this API version"));
        } else {
            errors.addAll(signerNameErrors(spec.child("signerName"), signerName));
        }
        JsonNode expiration = csr.path("spec").path("expirationSeconds");
        if (expiration.isNumber() && expiration.asLong() < MIN_EXPIRATION_SECONDS) {
            errors.add(FieldError.invalid(spec.child("expirationSeconds"), expiration.asLong(),
                    "may not specify a duration less than 600 seconds (10 minutes)"));
        }
        errors.addAll(conditionErrors(csr.path("status").path("conditions")));
        Optional<byte[]> certificate = base64(csr.path("status").path("certificate"));
        String certificateError = certificate.isPresent() ? certificateError(certificate.get())
                : "must be base64-encoded PEM data";
        if (certificateError != null) {
            errors.add(FieldError.invalid(FieldPath.of("status", "certificate"), "<certificate data>", certificateError));
        }
        return errors;
    }

    private static List<FieldError> conditionErrors(JsonNode conditions) {
        List<FieldError> errors = new ArrayList<>();
        FieldPath path = FieldPath.of("status", "conditions");
        Set<String> seen = new HashSet<>();
        boolean approved = false;
        boolean denied = false;
        for (int i = 0; i < conditions.size(); i++) {
            JsonNode c = conditions.get(i);
            String type = c.path("type").asString("");
            String status = c.path("status").asString("");
            if (type.isEmpty()) {
                errors.add(FieldError.required(path.index(i).child("type"), ""));
            }
            List<String> allowed = TRUE_ONLY.contains(type) ? List.of("True") : ALL_STATUSES;
            if (status.isEmpty()) {
                errors.add(FieldError.required(path.index(i).child("status"), ""));
            } else if (!allowed.contains(status)) {
                errors.add(FieldError.notSupported(path.index(i).child("status"), status, allowed));
            }
            if (type.equals(APPROVED)) {
                approved = true;
                if (denied) {
                    errors.add(FieldError.invalid(path.index(i).child("type"), type,
                            "Approved and Denied conditions are mutually exclusive"));
                }
            } else if (type.equals(DENIED)) {
                denied = true;
                if (approved) {
                    errors.add(FieldError.invalid(path.index(i).child("type"), type,
                            "Approved and Denied conditions are mutually exclusive"));
                }
            }
            if (!seen.add(type)) {
                errors.add(FieldError.duplicate(path.index(i).child("type"), type));
            }
        }
        return errors;
    }

    /**
     * kube's ValidateCertificateSigningRequestSignerName: {@code <domain>/<path>}, the domain at
     * least two DNS labels, the path DNS subdomains separated by dots.
     */
    static List<FieldError> signerNameErrors(FieldPath path, String signerName) {
        List<FieldError> errors = new ArrayList<>();
        if (signerName.isEmpty()) {
            errors.add(FieldError.required(path, ""));
            return errors;
        }
        String[] segments = signerName.split("/", -1);
        if (segments.length != 2) {
            errors.add(FieldError.invalid(path, signerName,
                    "must be a fully qualified domain and path of the form 'example.com/signer-name'"));
            return errors;
        }
        if (segments[0].length() > DNS1123_SUBDOMAIN_MAX) {
            errors.add(FieldError.tooLong(path, DNS1123_SUBDOMAIN_MAX));
        }
        String[] domainLabels = segments[0].split("\\.", -1);
        for (String label : domainLabels) {
            List<String> problems = NameRules.isDns1123Label(label);
            if (!problems.isEmpty()) {
                problems.forEach(p -> errors.add(FieldError.invalid(path, segments[0],
                        "validating label " + GoValues.quote(label) + ": " + p)));
                break;
            }
        }
        if (domainLabels.length < 2) {
            errors.add(FieldError.invalid(path, segments[0], "should be a domain with at least two segments separated by dots"));
        }
        for (String label : segments[1].split("\\.", -1)) {
            List<String> problems = NameRules.isDns1123Subdomain(label);
            if (!problems.isEmpty()) {
                problems.forEach(p -> errors.add(FieldError.invalid(path, segments[1],
                        "validating label " + GoValues.quote(label) + ": " + p)));
                break;
            }
        }
        int maxLength = DNS1123_SUBDOMAIN_MAX + (DNS1123_SUBDOMAIN_MAX + DNS1123_LABEL_MAX + 1) + 1;
        if (signerName.length() > maxLength) {
            errors.add(FieldError.tooLong(path, maxLength));
        }
        return errors;
    }

    /**
     * What kube's update validation adds for a write through {@code scope}: Approved, Denied and
     * Failed conditions are never removed; only the approval subresource adds or changes Approved
     * and Denied; only the status subresource sets the certificate, and only once.
     */
    public static List<FieldError> updateErrors(Scope scope, JsonNode old, JsonNode updated) {
        List<FieldError> errors = new ArrayList<>();
        FieldPath conditions = FieldPath.of("status", "conditions");
        for (String type : List.of(APPROVED, DENIED, FAILED)) {
            if (find(updated, type).size() < find(old, type).size()) {
                errors.add(FieldError.forbidden(conditions, "updates may not remove a condition of type " + GoValues.quote(type)));
            }
        }
        if (scope != Scope.APPROVAL) {
            for (String type : List.of(APPROVED, DENIED)) {
                List<JsonNode> was = find(old, type);
                List<JsonNode> now = find(updated, type);
                if (now.size() > was.size()) {
                    errors.add(FieldError.forbidden(conditions, "updates may not add a condition of type " + GoValues.quote(type)));
                } else if (now.size() == was.size() && !now.equals(was)) {
                    errors.add(FieldError.forbidden(conditions, "updates may not modify a condition of type " + GoValues.quote(type)));
                }
            }
        }
        String oldCertificate = old.path("status").path("certificate").asString("");
        String newCertificate = updated.path("status").path("certificate").asString("");
        if (!oldCertificate.equals(newCertificate)) {
            if (scope != Scope.STATUS) {
                errors.add(FieldError.forbidden(FieldPath.of("status", "certificate"), "updates may not set certificate content"));
            } else if (!oldCertificate.isEmpty()) {
                errors.add(FieldError.forbidden(FieldPath.of("status", "certificate"),
                        "updates may not modify existing certificate content"));
            }
        }
        return errors;
    }

    private static List<JsonNode> find(JsonNode csr, String type) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode c : csr.path("status").path("conditions")) {
            if (type.equals(c.path("type").asString(""))) {
                found.add(c);
            }
        }
        return found;
    }

    /** The organizations (O) of the request's subject; empty when the request does not parse. */
    public static List<String> organizations(JsonNode csr) {
        try {
            PKCS10CertificationRequest request = parse(requestBytes(csr).orElse(new byte[0]));
            List<String> organizations = new ArrayList<>();
            for (RDN rdn : request.getSubject().getRDNs(BCStyle.O)) {
                organizations.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
            }
            return organizations;
        } catch (InvalidRequestException e) {
            return List.of();
        }
    }

    /** kube's ParseCSR and CheckSignature, with Go's messages. */
    static PKCS10CertificationRequest parse(byte[] pem) throws InvalidRequestException {
        PemObject block = firstBlock(pem);
        if (block == null || !block.getType().equals("CERTIFICATE REQUEST")) {
            throw new InvalidRequestException("PEM block type must be CERTIFICATE REQUEST");
        }
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(block.getContent());
        } catch (IOException | RuntimeException e) {
            throw new InvalidRequestException("x509: malformed certificate request");
        }
        boolean valid;
        try {
            valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BOUNCY_CASTLE)
                    .build(request.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new InvalidRequestException("x509: cannot verify signature: " + e.getMessage());
        }
        if (!valid) {
            String algorithm = request.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
            throw new InvalidRequestException(switch (algorithm) {
                case "1.2.840.10045.2.1" -> "x509: ECDSA verification failure";
                case "1.3.101.112" -> "x509: Ed25519 verification failure";
                default -> "crypto/rsa: verification error";
            });
        }
        return request;
    }

    /** kube's validateCertificate: null when {@code pem} is empty or only well-formed CERTIFICATE blocks. */
    static String certificateError(byte[] pem) {
        if (pem.length == 0) {
            return null;
        }
        int blocks = 0;
        try (PemReader reader = new PemReader(new StringReader(new String(pem, StandardCharsets.ISO_8859_1)))) {
            PemObject block;
            while ((block = reader.readPemObject()) != null) {
                if (!block.getType().equals("CERTIFICATE")) {
                    return "only CERTIFICATE PEM blocks are allowed, found " + GoValues.quote(block.getType());
                }
                if (!block.getHeaders().isEmpty()) {
                    return "no PEM block headers are permitted";
                }
                try {
                    new X509CertificateHolder(block.getContent());
                } catch (IOException | RuntimeException e) {
                    return "x509: malformed certificate";
                }
                blocks++;
            }
        } catch (IOException | RuntimeException e) {
            return blocks == 0 ? "must contain at least one CERTIFICATE PEM block" : "x509: malformed certificate";
        }
        return blocks == 0 ? "must contain at least one CERTIFICATE PEM block" : null;
    }

    private static PemObject firstBlock(byte[] pem) {
        try (PemReader reader = new PemReader(new StringReader(new String(pem, StandardCharsets.ISO_8859_1)))) {
            return reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A byte slice as Go's {@code %#v} prints it in a field error. */
    static GoValues.Literal goBytes(byte[] bytes) {
        StringBuilder sb = new StringBuilder("[]byte{");
        for (int i = 0; i < bytes.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("0x%x", bytes[i] & 0xff));
        }
        return new GoValues.Literal(sb.append('}').toString());
    }

    /** Why a request is not a valid PKCS#10 request, in Go's words. */
    static final class InvalidRequestException extends Exception {
        InvalidRequestException(String message) {
            super(message);
        }
    }
}
