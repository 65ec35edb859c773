package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.admission.FieldValidation;

import java.util.ArrayList;
import java.util.List;

/**
 * What a write request asked for besides its body, and the warnings it collects on the way.
 *
 * @param userAgent   the client's User-Agent, which names the write's manager when it names none
 * @param subresource the subresource written through ({@code scale}), empty for the object or status
 */
public record WriteOptions(FieldValidation fieldValidation, boolean dryRun, String fieldManager, boolean force,
                    List<String> warnings, String userAgent, String subresource) {

    static WriteOptions of(String fieldValidation, String dryRun, String fieldManager, String force, String userAgent) {
        return new WriteOptions(FieldValidation.parse(fieldValidation), "All".equals(dryRun), fieldManager,
                "true".equals(force), new ArrayList<>(), userAgent, "");
    }

    /** The same options for a write through {@code subresource}. */
    WriteOptions through(String subresource) {
        return new WriteOptions(fieldValidation, dryRun, fieldManager, force, warnings, userAgent, subresource);
    }

    /**
     * Who the write is recorded as in {@code managedFields}: the {@code fieldManager} it names,
     * else its User-Agent up to the first {@code /} ({@code kubectl/v1.32.0 (linux/amd64)} → kubectl),
     * as kube-apiserver does.
     */
    String manager() {
        if (fieldManager != null && !fieldManager.isEmpty()) {
            return fieldManager;
        }
        String agent = userAgent == null ? "" : userAgent;
        int slash = agent.indexOf('/');
        String prefix = slash < 0 ? agent : agent.substring(0, slash);
        return prefix.length() > FieldOwnership.MAX_MANAGER_LENGTH
                ? prefix.substring(0, FieldOwnership.MAX_MANAGER_LENGTH) : prefix;
    }
}
