package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PartialObjectMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.kubelite.controller.informer.EventHandler;
import io.kubelite.controller.informer.Indexes;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.InformerFactory;
import io.kubelite.controller.informer.MetadataKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the garbage collector's custom kinds in step with the CustomResourceDefinitions, as
 * kube-controller-manager's collector follows discovery: a definition's kind is collected (cached
 * as metadata only, from the topic of its storage version) from the moment it is created until
 * it is deleted. Dependents of a kind whose definition goes are looked at again, so they follow
 * their owners out.
 */
public final class CustomKinds implements EventHandler<CustomResourceDefinition> {

    private static final Logger LOG = LoggerFactory.getLogger(CustomKinds.class);

    private final InformerFactory informers;
    private final GarbageCollectors collectors;
    /** definition name → what it serves and the informer caching it */
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();

    private record Followed(MetadataKind kind, Informer<PartialObjectMetadata> informer) {
    }

    public CustomKinds(InformerFactory informers, GarbageCollectors collectors) {
        this.informers = informers;
        this.collectors = collectors;
    }

    /** The kind {@code definition} stores its objects as, if it names one. */
    static Optional<MetadataKind> servedAs(CustomResourceDefinition definition) {
        var spec = definition.getSpec();
        if (spec == null || spec.getNames() == null || spec.getVersions() == null) {
            return Optional.empty();
        }
        return spec.getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage()))
                .map(CustomResourceDefinitionVersion::getName).findFirst()
                .map(version -> new MetadataKind(spec.getGroup() + "/" + version, spec.getNames().getKind(),
                        spec.getNames().getPlural(), !"Cluster".equals(spec.getScope())));
    }

    @Override
    public void onAdd(CustomResourceDefinition definition) {
        follow(definition);
    }

    @Override
    public void onUpdate(CustomResourceDefinition old, CustomResourceDefinition definition) {
        follow(definition);
    }

    @Override
    public void onDelete(CustomResourceDefinition definition) {
        unfollow(definition.getMetadata().getName());
    }

    private synchronized void follow(CustomResourceDefinition definition) {
        String name = definition.getMetadata().getName();
        Optional<MetadataKind> kind = servedAs(definition);
        Followed now = followed.get(name);
        if (now != null && kind.isPresent() && now.kind().equals(kind.get())) {
            return;
        }
        if (now != null) {
            unfollow(name);
        }
        if (kind.isEmpty()) {
            return;
        }
        Informer<PartialObjectMetadata> informer = informers.metadataInformerFor(kind.get());
        followed.put(name, new Followed(kind.get(), informer));
        collectors.add(GcKind.metadata(kind.get(), informer));
        LOG.atInfo().addKeyValue("definition", name).addKeyValue("kind", kind.get().apiVersion() + " " + kind.get().kind())
                .log("Collecting a custom kind");
    }

    private synchronized void unfollow(String name) {
        Followed gone = followed.remove(name);
        if (gone == null) {
            return;
        }
        collectors.remove(gone.kind());
        // dependents of the kind's objects: their owners can no longer exist
        for (HasMetadata owner : gone.informer().lister().list()) {
            collectors.ownerGone(owner.getMetadata().getUid());
        }
        informers.remove(gone.informer());
        LOG.atInfo().addKeyValue("definition", name).addKeyValue("kind", gone.kind().apiVersion() + " " + gone.kind().kind())
                .log("No longer collecting a custom kind");
    }
}
