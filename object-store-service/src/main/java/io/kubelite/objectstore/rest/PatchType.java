package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.errors.ApiException;

/** The four patch formats Kubernetes accepts, chosen by Content-Type. */
enum PatchType {
    JSON, MERGE, STRATEGIC, APPLY;

    static PatchType of(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase();
        if (type.startsWith("application/json-patch+json")) {
            return JSON;
        }
        if (type.startsWith("application/merge-patch+json")) {
            return MERGE;
        }
        if (type.startsWith("application/strategic-merge-patch+json")) {
            return STRATEGIC;
        }
        if (type.startsWith("application/apply-patch+yaml") || type.startsWith("application/apply-patch+json")) {
            return APPLY;
        }
        throw ApiException.unsupportedMediaType(contentType);
    }
}
