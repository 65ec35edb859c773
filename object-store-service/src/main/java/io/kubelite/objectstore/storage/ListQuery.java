package io.kubelite.objectstore.storage;

import java.util.Map;

/**
 * What a list asks the database for. {@code namespace} null means every namespace;
 * {@code labelEqualities} and {@code name}/{@code nodeName} are pushed into SQL, the rest of a
 * selector is applied by the caller. {@code afterNamespace}/{@code afterName} continue a page.
 */
public record ListQuery(String resource, String namespace, Map<String, String> labelEqualities, String name,
                        String nodeName, String afterNamespace, String afterName, int limit) {

    public static ListQuery all(String resource, String namespace) {
        return new ListQuery(resource, namespace, Map.of(), null, null, null, null, 0);
    }
}
