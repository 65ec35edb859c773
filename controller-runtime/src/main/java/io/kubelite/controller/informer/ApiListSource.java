package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;

/**
 * LISTs a kind in every namespace through the API in pages of 500. The snapshot's
 * resourceVersion is the first page's: later pages can only be newer, and their objects are
 * newer than that floor too, so no change after the floor is dropped.
 *
 * <p>The objects are cached without {@code metadata.managedFields}, as the change events come
 * (see the object store's relay) and as client-go's informers in kube-controller-manager
 * drop them: no controller reads them, and a controller's update that omits them keeps the
 * stored ones.
 */
public final class ApiListSource<T extends HasMetadata> implements ListSource<T> {

    private static final long PAGE_SIZE = 500;

    private final KubernetesClient client;
    private final Class<T> type;
    private final String fieldSelector;

    public ApiListSource(KubernetesClient client, Class<T> type, String fieldSelector) {
        this.client = client;
        this.type = type;
        this.fieldSelector = fieldSelector;
    }

    @Override
    public Snapshot<T> list() {
        List<T> items = new ArrayList<>();
        String continueToken = null;
        long resourceVersion = -1;
        do {
            ListOptionsBuilder options = new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(continueToken);
            if (fieldSelector != null && !fieldSelector.isEmpty()) {
                options.withFieldSelector(fieldSelector);
            }
            ListOptions built = options.build();
            KubernetesResourceList<T> page = client.resources(type).inAnyNamespace().list(built);
            if (resourceVersion < 0) {
                resourceVersion = ResourceVersions.parse(page.getMetadata().getResourceVersion());
            }
            for (T item : page.getItems()) {
                item.getMetadata().setManagedFields(new ArrayList<>());
                items.add(item);
            }
            continueToken = page.getMetadata().getContinue();
        } while (continueToken != null && !continueToken.isEmpty());
        return new Snapshot<>(items, resourceVersion);
    }
}
