package io.kubelite.objectstore.rest;

import io.kubelite.machinery.selector.FieldSelector;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.storage.ListQuery;
import io.kubelite.objectstore.storage.ListResult;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists with label and field selectors and {@code limit}/{@code continue} paging. Equality
 * parts of the selectors are pushed into SQL (the labels column has a GIN index); the rest is
 * filtered here, so a page may hold fewer than {@code limit} items while more follow.
 */
@Service
public class ListService {

    private final ObjectStore store;
    private final ResourceService resources;

    public ListService(ObjectStore store, ResourceService resources) {
        this.store = store;
        this.resources = resources;
    }

    /** A page in {@code type}'s version; {@code continueToken} is empty on the last page. */
    public record Page(List<StoredObject> items, long resourceVersion, String continueToken) {
    }

    public Page list(ResourceType type, String namespace, ListOptions options) {
        FieldValues.checkSupported(type, options.fields().requirements().stream()
                .map(FieldSelector.Requirement::field).toList());
        String name = options.fields().exactValue("metadata.name").orElse(null);
        String nodeName = type.resource().equals("pods") ? options.fields().exactValue("spec.nodeName").orElse(null) : null;
        String ns = namespace;
        if (ns == null && type.namespaced()) {
            ns = options.fields().exactValue("metadata.namespace").orElse(null);
        }
        if (!type.namespaced()) {
            ns = "";
        }
        ListQuery query = new ListQuery(type.storageResource(), ns, options.labels().equalities(), name,
                nodeName, options.continueNamespace(), options.continueName(), options.limit());
        ListResult result = store.list(query);
        List<StoredObject> items = new ArrayList<>(result.items().size());
        for (StoredObject o : result.items()) {
            StoredObject served = resources.served(type, o);
            if (options.matches(served.body())) {
                items.add(served);
            }
        }
        String token = "";
        if (result.more() && !result.items().isEmpty()) {
            StoredObject last = result.items().get(result.items().size() - 1);
            token = ListOptions.continueToken(last.namespace(), last.name());
        }
        return new Page(items, result.resourceVersion(), token);
    }
}
