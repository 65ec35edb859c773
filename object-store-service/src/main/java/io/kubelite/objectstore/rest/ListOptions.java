package io.kubelite.objectstore.rest;

import io.kubelite.machinery.selector.FieldSelector;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.machinery.selector.SelectorException;
import io.kubelite.objectstore.errors.ApiException;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** List and watch parameters: selectors, paging, the resourceVersion to start from. */
record ListOptions(LabelSelector labels, FieldSelector fields, int limit, String continueNamespace,
                   String continueName, String resourceVersion) {

    static ListOptions of(String labelSelector, String fieldSelector, String limit, String continueToken,
                          String resourceVersion) {
        LabelSelector labels;
        FieldSelector fields;
        try {
            labels = LabelSelector.parse(labelSelector == null ? "" : labelSelector);
        } catch (SelectorException e) {
            throw ApiException.badRequest("unable to parse requirement: " + e.getMessage());
        }
        try {
            fields = FieldSelector.parse(fieldSelector == null ? "" : fieldSelector);
        } catch (SelectorException e) {
            throw ApiException.badRequest("invalid field selector: " + e.getMessage());
        }
        int n = 0;
        if (limit != null && !limit.isEmpty()) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit must be an integer; got \"" + limit + "\"");
            }
        }
        String ns = null;
        String name = null;
        if (continueToken != null && !continueToken.isEmpty()) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(continueToken), StandardCharsets.UTF_8);
                int sep = decoded.indexOf('\u0000');
                ns = decoded.substring(0, sep);
                name = decoded.substring(sep + 1);
            } catch (RuntimeException e) {
                throw ApiException.badRequest("continue key is not valid: " + continueToken);
            }
        }
        return new ListOptions(labels, fields, Math.max(n, 0), ns, name, resourceVersion);
    }

    static String continueToken(String namespace, String name) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((namespace + '\u0000' + name).getBytes(StandardCharsets.UTF_8));
    }

    boolean matches(JsonNode object) {
        Map<String, String> objectLabels = new java.util.HashMap<>();
        object.path("metadata").path("labels").properties().forEach(e -> objectLabels.put(e.getKey(), e.getValue().asString()));
        return labels.matches(objectLabels) && fields.matches(f -> FieldValues.get(object, f));
    }
}
