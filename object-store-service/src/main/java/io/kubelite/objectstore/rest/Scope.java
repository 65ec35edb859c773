package io.kubelite.objectstore.rest;

/** Which part of an object a write may change. */
public enum Scope {
    /** A write to the object itself: status stays as stored (kinds with a status subresource). */
    OBJECT,
    /** A write to the status subresource: everything but status stays as stored. */
    STATUS,
    /** A write to a pod's ephemeralcontainers subresource: only {@code spec.ephemeralContainers} may change. */
    EPHEMERAL_CONTAINERS,
    /**
     * A write to a CertificateSigningRequest's approval subresource: only {@code status.conditions}
     * may change ({@code kubectl certificate approve/deny}).
     */
    APPROVAL,
    /** A write the server computes itself (binding): both may change. */
    ALL;

    /** The scope of a write to the object ({@code null}) or to one of these subresources; null for other subresources. */
    static Scope of(String subresource) {
        if (subresource == null) {
            return OBJECT;
        }
        return switch (subresource) {
            case "status" -> STATUS;
            case "ephemeralcontainers" -> EPHEMERAL_CONTAINERS;
            case "approval" -> APPROVAL;
            default -> null;
        };
    }
}
