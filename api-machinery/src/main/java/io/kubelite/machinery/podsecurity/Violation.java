package io.kubelite.machinery.podsecurity;

/**
 * One failed Pod Security Standards check.
 * <p>Example: reason {@code host namespaces}, detail {@code hostNetwork=true, hostPID=true}; in a
 * message the pair reads {@code host namespaces (hostNetwork=true, hostPID=true)}.
 *
 * @param reason succinct and always printed, e.g. {@code privileged}
 * @param detail the offending values, or empty when there is nothing to add
 */
public record Violation(String reason, String detail) {

    public Violation {
        reason = reason == null || reason.isEmpty() ? "unknown forbidden reason" : reason;
        detail = detail == null ? "" : detail;
    }

    /** {@code reason (detail)}, or just the reason when there is no detail. */
    @Override
    public String toString() {
        return detail.isEmpty() ? reason : reason + " (" + detail + ")";
    }
}
