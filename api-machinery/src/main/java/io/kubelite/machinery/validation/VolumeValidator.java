package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Pod volumes: unique DNS-1123 label names and exactly one source each. */
final class VolumeValidator {

    /** Volume sources in the order Kubernetes checks them; later ones are reported as extra. */
    private static final Map<String, Function<Volume, Object>> SOURCES = new LinkedHashMap<>();

    static {
        SOURCES.put("emptyDir", Volume::getEmptyDir);
        SOURCES.put("hostPath", Volume::getHostPath);
        SOURCES.put("gitRepo", Volume::getGitRepo);
        SOURCES.put("gcePersistentDisk", Volume::getGcePersistentDisk);
        SOURCES.put("awsElasticBlockStore", Volume::getAwsElasticBlockStore);
        SOURCES.put("secret", Volume::getSecret);
        SOURCES.put("nfs", Volume::getNfs);
        SOURCES.put("iscsi", Volume::getIscsi);
        SOURCES.put("glusterfs", Volume::getGlusterfs);
        SOURCES.put("flocker", Volume::getFlocker);
        SOURCES.put("persistentVolumeClaim", Volume::getPersistentVolumeClaim);
        SOURCES.put("rbd", Volume::getRbd);
        SOURCES.put("cinder", Volume::getCinder);
        SOURCES.put("cephFS", Volume::getCephfs);
        SOURCES.put("quobyte", Volume::getQuobyte);
        SOURCES.put("downwardAPI", Volume::getDownwardAPI);
        SOURCES.put("fc", Volume::getFc);
        SOURCES.put("flexVolume", Volume::getFlexVolume);
        SOURCES.put("configMap", Volume::getConfigMap);
        SOURCES.put("azureFile", Volume::getAzureFile);
        SOURCES.put("vsphereVolume", Volume::getVsphereVolume);
        SOURCES.put("photonPersistentDisk", Volume::getPhotonPersistentDisk);
        SOURCES.put("portworxVolume", Volume::getPortworxVolume);
        SOURCES.put("azureDisk", Volume::getAzureDisk);
        SOURCES.put("storageos", Volume::getStorageos);
        SOURCES.put("projected", Volume::getProjected);
        SOURCES.put("scaleIO", Volume::getScaleIO);
        SOURCES.put("csi", Volume::getCsi);
        SOURCES.put("ephemeral", Volume::getEphemeral);
        SOURCES.put("image", Volume::getImage);
    }

    private static final List<String> HOST_PATH_TYPES = List.of("", "BlockDevice", "CharDevice", "Directory",
            "DirectoryOrCreate", "File", "FileOrCreate", "Socket");
    private static final String FILE_MODE = "must be a number between 0 and 0777 (octal), both inclusive";

    /** The outcome: errors, and the names of volumes that passed, which mounts may refer to. */
    record Result(List<FieldError> errors, Set<String> validNames) {
    }

    private VolumeValidator() {
    }

    static Result validate(List<Volume> volumes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Volume> list = Checks.orEmpty(volumes);
        for (int i = 0; i < list.size(); i++) {
            Volume vol = list.get(i);
            FieldPath idx = path.index(i);
            List<FieldError> el = new ArrayList<>(source(vol, idx));
            String name = MetaValidator.nullToEmpty(vol.getName());
            if (name.isEmpty()) {
                el.add(FieldError.required(idx.child("name"), ""));
            } else {
                for (String msg : NameRules.isDns1123Label(name)) {
                    el.add(FieldError.invalid(idx.child("name"), name, msg));
                }
            }
            if (names.contains(name)) {
                el.add(FieldError.duplicate(idx.child("name"), name));
            }
            if (el.isEmpty()) {
                names.add(name);
            } else {
                errs.addAll(el);
            }
        }
        return new Result(errs, names);
    }

    private static List<FieldError> source(Volume vol, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, Function<Volume, Object>> e : SOURCES.entrySet()) {
            Object source = e.getValue().apply(vol);
            if (source == null) {
                continue;
            }
            if (count > 0) {
                errs.add(FieldError.forbidden(path.child(e.getKey()), "may not specify more than 1 volume type"));
                continue;
            }
            count++;
            errs.addAll(details(source, path.child(e.getKey())));
        }
        if (count == 0) {
            errs.add(FieldError.required(path, "must specify a volume type"));
        }
        return errs;
    }

    private static List<FieldError> details(Object source, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (source instanceof HostPathVolumeSource hostPath) {
            if (Checks.isEmpty(hostPath.getPath())) {
                errs.add(FieldError.required(path.child("path"), ""));
                return errs;
            }
            String type = MetaValidator.nullToEmpty(hostPath.getType());
            if (!HOST_PATH_TYPES.contains(type)) {
                errs.add(FieldError.notSupported(path.child("type"), type, HOST_PATH_TYPES));
            }
        } else if (source instanceof ConfigMapVolumeSource configMap) {
            if (Checks.isEmpty(configMap.getName())) {
                errs.add(FieldError.required(path.child("name"), ""));
            }
            fileMode(errs, configMap.getDefaultMode(), path.child("defaultMode"));
        } else if (source instanceof SecretVolumeSource secret) {
            if (Checks.isEmpty(secret.getSecretName())) {
                errs.add(FieldError.required(path.child("secretName"), ""));
            }
            fileMode(errs, secret.getDefaultMode(), path.child("defaultMode"));
        } else if (source instanceof io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource pvc) {
            if (Checks.isEmpty(pvc.getClaimName())) {
                errs.add(FieldError.required(path.child("claimName"), ""));
            }
        } else if (source instanceof io.fabric8.kubernetes.api.model.EmptyDirVolumeSource emptyDir
                && emptyDir.getSizeLimit() != null) {
            String text = ResourceValidator.text(emptyDir.getSizeLimit());
            if (!Quantities.isValid(text)) {
                errs.add(FieldError.invalid(path.child("sizeLimit"), text, Quantities.FORMAT_ERROR));
            } else if (Quantities.value(text).signum() < 0) {
                errs.add(FieldError.forbidden(path.child("sizeLimit"), "SizeLimit field must be a valid resource quantity"));
            }
        }
        return errs;
    }

    private static void fileMode(List<FieldError> errs, Integer mode, FieldPath path) {
        if (mode != null && (mode < 0 || mode > 0777)) {
            errs.add(FieldError.invalid(path, mode, FILE_MODE));
        }
    }
}
