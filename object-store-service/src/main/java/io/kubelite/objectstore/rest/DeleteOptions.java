package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.errors.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * {@code DeleteOptions} from the query string and the body (the body wins, as in Kubernetes).
 * {@code gracePeriodSeconds} null means "the object's own default".
 */
record DeleteOptions(Long gracePeriodSeconds, Propagation propagation, String preconditionUid,
                     String preconditionResourceVersion, boolean dryRun) {

    enum Propagation { BACKGROUND, FOREGROUND, ORPHAN }

    static DeleteOptions of(JsonNode body, String graceParam, String propagationParam, String orphanParam,
                            String dryRunParam) {
        Long grace = graceParam == null ? null : parseLong(graceParam);
        String propagation = propagationParam;
        Boolean orphan = orphanParam == null ? null : Boolean.parseBoolean(orphanParam);
        String uid = null;
        String rv = null;
        boolean dryRun = "All".equals(dryRunParam);
        if (body != null && body.isObject()) {
            if (body.hasNonNull("gracePeriodSeconds")) {
                grace = body.get("gracePeriodSeconds").asLong();
            }
            if (body.hasNonNull("propagationPolicy")) {
                propagation = body.get("propagationPolicy").asString();
            }
            if (body.hasNonNull("orphanDependents")) {
                orphan = body.get("orphanDependents").asBoolean();
            }
            uid = body.path("preconditions").path("uid").asString(null);
            rv = body.path("preconditions").path("resourceVersion").asString(null);
            for (JsonNode d : body.path("dryRun")) {
                dryRun |= "All".equals(d.asString());
            }
        }
        Propagation p;
        if (propagation != null) {
            p = switch (propagation) {
                case "Background" -> Propagation.BACKGROUND;
                case "Foreground" -> Propagation.FOREGROUND;
                case "Orphan" -> Propagation.ORPHAN;
                default -> throw ApiException.badRequest("propagationPolicy must be one of Orphan, Background, "
                        + "Foreground; got \"" + propagation + "\"");
            };
        } else {
            p = Boolean.TRUE.equals(orphan) ? Propagation.ORPHAN : Propagation.BACKGROUND;
        }
        if (grace != null && grace < 0) {
            grace = 0L;
        }
        return new DeleteOptions(grace, p, uid, rv, dryRun);
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("gracePeriodSeconds must be an integer; got \"" + s + "\"");
        }
    }
}
