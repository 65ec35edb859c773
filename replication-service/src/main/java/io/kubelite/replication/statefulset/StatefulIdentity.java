package io.kubelite.replication.statefulset;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubelite.replication.history.ControllerHistory;
import io.kubelite.replication.pods.Owners;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What makes a StatefulSet's pod the one it is: for set {@code web} with service {@code nginx}
 * and claim template {@code www}, ordinal 1 is pod {@code web-1} (hostname {@code web-1},
 * subdomain {@code nginx}, so {@code web-1.nginx.<ns>.svc.cluster.local} names it), labelled
 * {@code statefulset.kubernetes.io/pod-name=web-1} and {@code apps.kubernetes.io/pod-index=1},
 * whose volume {@code www} is the claim {@code www-web-1} — the same claim whenever the pod is
 * made again.
 */
final class StatefulIdentity {

    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

    private StatefulIdentity() {
    }

    static String podName(StatefulSet set, int ordinal) {
        return set.getMetadata().getName() + "-" + ordinal;
    }

    static String claimName(PersistentVolumeClaim template, StatefulSet set, int ordinal) {
        return template.getMetadata().getName() + "-" + podName(set, ordinal);
    }

    /** The ordinal in a pod's name ({@code web-12} → 12), if the name is the set's name, a dash and digits. */
    static OptionalInt ordinal(StatefulSet set, Pod pod) {
        String prefix = set.getMetadata().getName() + "-";
        String name = pod.getMetadata().getName();
        if (name == null || !name.startsWith(prefix) || name.length() == prefix.length()) {
            return OptionalInt.empty();
        }
        String digits = name.substring(prefix.length());
        if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(digits));
    }

    /** The pod of {@code ordinal} from {@code template}, running revision {@code revisionName}. */
    static Pod pod(StatefulSet set, PodTemplateSpec template, String revisionName, int ordinal) {
        ObjectMeta tm = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        String name = podName(set, ordinal);
        Map<String, String> labels = new LinkedHashMap<>(tm.getLabels() == null ? Map.of() : tm.getLabels());
        labels.put(POD_NAME_LABEL, name);
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
        labels.put(ControllerHistory.REVISION_LABEL, revisionName);
        OwnerReference owner = Owners.controllerRef("apps/v1", "StatefulSet", set.getMetadata().getName(),
                set.getMetadata().getUid());
        Pod pod = new PodBuilder().withApiVersion("v1").withKind("Pod").withNewMetadata().withName(name)
                .withNamespace(set.getMetadata().getNamespace()).withLabels(labels)
                .withAnnotations(tm.getAnnotations() == null || tm.getAnnotations().isEmpty() ? null
                        : new LinkedHashMap<>(tm.getAnnotations()))
                .withFinalizers(tm.getFinalizers()).withOwnerReferences(owner).endMetadata()
                .withSpec(new PodBuilder().withSpec(template.getSpec()).build().getSpec()).build();
        pod.getSpec().setHostname(name);
        String service = set.getSpec().getServiceName();
        if (service != null && !service.isEmpty()) {
            pod.getSpec().setSubdomain(service);
        }
        pod.getSpec().setVolumes(volumes(set, pod.getSpec().getVolumes(), ordinal));
        return pod;
    }

    /** A claim volume per claim template, then the template's other volumes (kube's {@code updateStorage}). */
    private static List<Volume> volumes(StatefulSet set, List<Volume> templateVolumes, int ordinal) {
        List<PersistentVolumeClaim> claims = claimTemplates(set);
        Set<String> claimed = claims.stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        List<Volume> volumes = new ArrayList<>();
        for (PersistentVolumeClaim claim : claims) {
            volumes.add(new VolumeBuilder().withName(claim.getMetadata().getName()).withNewPersistentVolumeClaim()
                    .withClaimName(claimName(claim, set, ordinal)).endPersistentVolumeClaim().build());
        }
        for (Volume v : templateVolumes == null ? List.<Volume>of() : templateVolumes) {
            if (!claimed.contains(v.getName())) {
                volumes.add(v);
            }
        }
        return volumes.isEmpty() ? null : volumes;
    }

    /**
     * The claims of {@code ordinal}: each template's spec, labels and annotations, plus the set's
     * {@code matchLabels} (so {@code kubectl get pvc -l app=nginx} lists them).
     */
    static List<PersistentVolumeClaim> claims(StatefulSet set, int ordinal) {
        Map<String, String> selector = set.getSpec().getSelector() == null || set.getSpec().getSelector().getMatchLabels() == null
                ? Map.of() : set.getSpec().getSelector().getMatchLabels();
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        for (PersistentVolumeClaim template : claimTemplates(set)) {
            Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels() == null ? Map.of()
                    : template.getMetadata().getLabels());
            labels.putAll(selector);
            claims.add(new PersistentVolumeClaimBuilder().withNewMetadata()
                    .withName(claimName(template, set, ordinal)).withNamespace(set.getMetadata().getNamespace())
                    .withLabels(labels).withAnnotations(template.getMetadata().getAnnotations()).endMetadata()
                    .withSpec(template.getSpec()).build());
        }
        return claims;
    }

    private static List<PersistentVolumeClaim> claimTemplates(StatefulSet set) {
        List<PersistentVolumeClaim> templates = set.getSpec().getVolumeClaimTemplates();
        return templates == null ? List.of() : templates.stream()
                .filter(t -> t.getMetadata() != null && t.getMetadata().getName() != null).toList();
    }
}
