package io.kubelite.nodeagent.probe;

/**
 * The result a probe reports, changed only after {@code successThreshold} consecutive successes
 * or {@code failureThreshold} consecutive failures. Liveness starts as success (a container is
 * alive until proven otherwise), readiness as failure (not ready until proven ready).
 * Example, readiness with successThreshold 1 and failureThreshold 3:
 * <pre>
 *   attempt   ok   ok   fail fail fail ok
 *   result    ✓    ✓    ✓    ✓    ✗    ✓
 * </pre>
 */
public record ProbeState(boolean success, int consecutiveSuccesses, int consecutiveFailures) {

    public static ProbeState initial(boolean success) {
        return new ProbeState(success, 0, 0);
    }

    public ProbeState next(boolean attemptSucceeded, int successThreshold, int failureThreshold) {
        if (attemptSucceeded) {
            int successes = consecutiveSuccesses + 1;
            return new ProbeState(success || successes >= Math.max(1, successThreshold), successes, 0);
        }
        int failures = consecutiveFailures + 1;
        return new ProbeState(success && failures < Math.max(1, failureThreshold), 0, failures);
    }
}
