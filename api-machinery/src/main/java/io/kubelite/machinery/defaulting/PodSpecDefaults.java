package io.kubelite.machinery.defaulting;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;

/**
 * Defaults of a pod spec shared by pods and by every workload template
 * (core/v1 {@code SetDefaults_PodSpec} plus its containers and volumes).
 */
final class PodSpecDefaults {

    static final int DEFAULT_FILE_MODE = 0644;
    static final long TERMINATION_GRACE_PERIOD_SECONDS = 30;

    private PodSpecDefaults() {
    }

    static void template(PodTemplateSpec template) {
        if (template != null) {
            apply(template.getSpec());
        }
    }

    static void apply(PodSpec spec) {
        if (spec == null) {
            return;
        }
        if (ContainerDefaults.isEmpty(spec.getDnsPolicy())) {
            spec.setDnsPolicy("ClusterFirst");
        }
        if (ContainerDefaults.isEmpty(spec.getRestartPolicy())) {
            spec.setRestartPolicy("Always");
        }
        if (spec.getSecurityContext() == null) {
            spec.setSecurityContext(new PodSecurityContext());
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(TERMINATION_GRACE_PERIOD_SECONDS);
        }
        if (ContainerDefaults.isEmpty(spec.getSchedulerName())) {
            spec.setSchedulerName("default-scheduler");
        }
        for (Container c : ContainerDefaults.orEmpty(spec.getContainers())) {
            ContainerDefaults.apply(c);
        }
        for (Container c : ContainerDefaults.orEmpty(spec.getInitContainers())) {
            ContainerDefaults.apply(c);
        }
        for (EphemeralContainer c : ContainerDefaults.orEmpty(spec.getEphemeralContainers())) {
            ephemeral(c);
        }
        for (Volume v : ContainerDefaults.orEmpty(spec.getVolumes())) {
            volume(v);
        }
    }

    /** An ephemeral container gets a container's defaults for the fields it may have. */
    static void ephemeral(EphemeralContainer c) {
        if (ContainerDefaults.isEmpty(c.getImagePullPolicy())) {
            c.setImagePullPolicy(ContainerDefaults.imagePullPolicy(c.getImage()));
        }
        if (ContainerDefaults.isEmpty(c.getTerminationMessagePath())) {
            c.setTerminationMessagePath(ContainerDefaults.TERMINATION_MESSAGE_PATH);
        }
        if (ContainerDefaults.isEmpty(c.getTerminationMessagePolicy())) {
            c.setTerminationMessagePolicy("File");
        }
        if (c.getResources() == null) {
            c.setResources(new io.fabric8.kubernetes.api.model.ResourceRequirements());
        }
    }

    /** A volume without a source is an emptyDir; file-projecting sources default their mode to 0644 (420). */
    static void volume(Volume v) {
        if (hasNoSource(v)) {
            v.setEmptyDir(new EmptyDirVolumeSource());
        }
        if (v.getConfigMap() != null && v.getConfigMap().getDefaultMode() == null) {
            v.getConfigMap().setDefaultMode(DEFAULT_FILE_MODE);
        }
        if (v.getSecret() != null && v.getSecret().getDefaultMode() == null) {
            v.getSecret().setDefaultMode(DEFAULT_FILE_MODE);
        }
        if (v.getDownwardAPI() != null && v.getDownwardAPI().getDefaultMode() == null) {
            v.getDownwardAPI().setDefaultMode(DEFAULT_FILE_MODE);
        }
        if (v.getProjected() != null) {
            if (v.getProjected().getDefaultMode() == null) {
                v.getProjected().setDefaultMode(DEFAULT_FILE_MODE);
            }
            for (var source : ContainerDefaults.orEmpty(v.getProjected().getSources())) {
                if (source.getServiceAccountToken() != null && source.getServiceAccountToken().getExpirationSeconds() == null) {
                    source.getServiceAccountToken().setExpirationSeconds(3600L);
                }
            }
        }
        if (v.getHostPath() != null && v.getHostPath().getType() == null) {
            v.getHostPath().setType("");
        }
    }

    private static boolean hasNoSource(Volume v) {
        return v.getEmptyDir() == null && v.getHostPath() == null && v.getGitRepo() == null
                && v.getGcePersistentDisk() == null && v.getAwsElasticBlockStore() == null && v.getSecret() == null
                && v.getNfs() == null && v.getIscsi() == null && v.getGlusterfs() == null && v.getFlocker() == null
                && v.getPersistentVolumeClaim() == null && v.getRbd() == null && v.getCinder() == null
                && v.getCephfs() == null && v.getQuobyte() == null && v.getDownwardAPI() == null && v.getFc() == null
                && v.getFlexVolume() == null && v.getConfigMap() == null && v.getAzureFile() == null
                && v.getVsphereVolume() == null && v.getPhotonPersistentDisk() == null && v.getPortworxVolume() == null
                && v.getAzureDisk() == null && v.getStorageos() == null && v.getProjected() == null
                && v.getScaleIO() == null && v.getCsi() == null && v.getEphemeral() == null && v.getImage() == null;
    }
}
