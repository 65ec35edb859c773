package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.Wording.joinQuote;
import static io.kubelite.machinery.podsecurity.Wording.pluralize;

import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Which inline volume sources a pod may use. */
final class VolumeChecks {

    private VolumeChecks() {
    }

    static List<Check> all() {
        return List.of(
                Check.baseline("hostPathVolumes", VolumeChecks::hostPathVolumes),
                Check.restricted("restrictedVolumes", 0, Set.of("hostPathVolumes"), VolumeChecks::restrictedVolumes));
    }

    /** Baseline: no {@code hostPath} volume. Detail: {@code volumes "logs", "sock"}. */
    static Optional<Violation> hostPathVolumes(CheckedPod pod) {
        List<String> bad = new ArrayList<>();
        for (Volume v : pod.volumes()) {
            if (v.getHostPath() != null) {
                bad.add(CheckedPod.orEmpty(v.getName()));
            }
        }
        if (bad.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Violation("hostPath volumes",
                pluralize("volume", "volumes", bad.size()) + " " + joinQuote(bad)));
    }

    /**
     * Restricted: only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim,
     * projected and secret. Any other source is named by its field; one kube 1.32 does not know
     * (the {@code image} source among them) is {@code unknown}. Example:
     * {@code volumes "nfs", "img" use restricted volume types "nfs", "unknown"}.
     */
    static Optional<Violation> restrictedVolumes(CheckedPod pod) {
        List<String> bad = new ArrayList<>();
        TreeSet<String> types = new TreeSet<>();
        for (Volume v : pod.volumes()) {
            if (allowed(v)) {
                continue;
            }
            bad.add(CheckedPod.orEmpty(v.getName()));
            types.add(restrictedType(v));
        }
        if (bad.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Violation("restricted volume types",
                pluralize("volume", "volumes", bad.size()) + " " + joinQuote(bad) + " "
                        + pluralize("uses", "use", bad.size()) + " "
                        + pluralize("restricted volume type", "restricted volume types", types.size()) + " "
                        + joinQuote(types)));
    }

    private static boolean allowed(Volume v) {
        return v.getConfigMap() != null || v.getCsi() != null || v.getDownwardAPI() != null || v.getEmptyDir() != null
                || v.getEphemeral() != null || v.getPersistentVolumeClaim() != null || v.getProjected() != null
                || v.getSecret() != null;
    }

    /** The first restricted source set, in kube's order; a volume sets exactly one when valid. */
    private static String restrictedType(Volume v) {
        if (v.getHostPath() != null) {
            return "hostPath";
        } else if (v.getGcePersistentDisk() != null) {
            return "gcePersistentDisk";
        } else if (v.getAwsElasticBlockStore() != null) {
            return "awsElasticBlockStore";
        } else if (v.getGitRepo() != null) {
            return "gitRepo";
        } else if (v.getNfs() != null) {
            return "nfs";
        } else if (v.getIscsi() != null) {
            return "iscsi";
        } else if (v.getGlusterfs() != null) {
            return "glusterfs";
        } else if (v.getRbd() != null) {
            return "rbd";
        } else if (v.getFlexVolume() != null) {
            return "flexVolume";
        } else if (v.getCinder() != null) {
            return "cinder";
        } else if (v.getCephfs() != null) {
            return "cephfs";
        } else if (v.getFlocker() != null) {
            return "flocker";
        } else if (v.getFc() != null) {
            return "fc";
        } else if (v.getAzureFile() != null) {
            return "azureFile";
        } else if (v.getVsphereVolume() != null) {
            return "vsphereVolume";
        } else if (v.getQuobyte() != null) {
            return "quobyte";
        } else if (v.getAzureDisk() != null) {
            return "azureDisk";
        } else if (v.getPhotonPersistentDisk() != null) {
            return "photonPersistentDisk";
        } else if (v.getPortworxVolume() != null) {
            return "portworxVolume";
        } else if (v.getScaleIO() != null) {
            return "scaleIO";
        } else if (v.getStorageos() != null) {
            return "storageos";
        }
        return "unknown";
    }
}
