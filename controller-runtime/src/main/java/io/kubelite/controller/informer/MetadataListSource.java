package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PartialObjectMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * LISTs a {@link MetadataKind} in every namespace, in pages of 500 as {@link ApiListSource}
 * does, and keeps of each object its apiVersion, kind and metadata (without managedFields).
 */
public final class MetadataListSource implements ListSource<PartialObjectMetadata> {

    private static final long PAGE_SIZE = 500;

    private final KubernetesClient client;
    private final MetadataKind kind;

    public MetadataListSource(KubernetesClient client, MetadataKind kind) {
        this.client = client;
        this.kind = kind;
    }

    @Override
    public Snapshot<PartialObjectMetadata> list() {
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(kind.group())
                .withVersion(kind.version()).withPlural(kind.plural()).withKind(kind.kind())
                .withNamespaced(kind.namespaced()).build();
        List<PartialObjectMetadata> items = new ArrayList<>();
        String continueToken = null;
        long resourceVersion = -1;
        do {
            var options = new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(continueToken).build();
            var resources = client.genericKubernetesResources(context);
            GenericKubernetesResourceList page = kind.namespaced() ? resources.inAnyNamespace().list(options)
                    : resources.list(options);
            if (resourceVersion < 0) {
                resourceVersion = ResourceVersions.parse(page.getMetadata().getResourceVersion());
            }
            for (GenericKubernetesResource item : page.getItems()) {
                items.add(metadataOf(item));
            }
            continueToken = page.getMetadata().getContinue();
        } while (continueToken != null && !continueToken.isEmpty());
        return new Snapshot<>(items, resourceVersion);
    }

    private PartialObjectMetadata metadataOf(GenericKubernetesResource item) {
        ObjectMeta metadata = item.getMetadata();
        metadata.setManagedFields(new ArrayList<>());
        PartialObjectMetadata partial = new PartialObjectMetadata();
        partial.setApiVersion(kind.apiVersion());
        partial.setKind(kind.kind());
        partial.setMetadata(metadata);
        return partial;
    }
}
