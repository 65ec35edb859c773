package io.kubelite.machinery.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Printers of persistent volumes and persistent volume claims. */
final class StoragePrinters {

    private static final String BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

    /** Access modes print abbreviated, in this order, whatever order the object lists them in. */
    private static final Map<String, String> ACCESS_MODES = accessModes();

    private StoragePrinters() {
    }

    /**
     * NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS
     * REASON AGE | VOLUMEMODE.
     */
    static TablePrinter persistentVolumes() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Capacity", "string", "capacity is the description of the persistent volume's"
                        + " resources and capacity."),
                Columns.of("Access Modes", "string", "accessModes contains all ways the volume can be"
                        + " mounted."),
                Columns.of("Reclaim Policy", "string", "persistentVolumeReclaimPolicy defines what happens"
                        + " to a persistent volume when released from its claim."),
                Columns.of("Status", "string", "phase indicates if a volume is available, bound to a claim,"
                        + " or released by a claim."),
                Columns.of("Claim", "string", "claimRef is part of a bi-directional binding between"
                        + " PersistentVolume and PersistentVolumeClaim."),
                Columns.of("StorageClass", "string", "StorageClass of the pv"),
                Columns.of("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
                Columns.of("Reason", "string", "reason is a brief CamelCase string that describes any"
                        + " failure and is meant for machine parsing and tidy display in the CLI."),
                Columns.AGE,
                Columns.wide("VolumeMode", "string", "volumeMode defines if a volume is intended to be"
                        + " used with a formatted filesystem or to remain in raw block state."));
        return new RowPrinter(columns, (pv, now) -> {
            JsonNode spec = pv.path("spec");
            JsonNode claim = spec.path("claimRef");
            String claimText = claim.isObject()
                    ? Fields.text(claim, "namespace") + "/" + Fields.text(claim, "name") : "";
            String capacity = Fields.present(spec, "capacity", "storage")
                    ? Fields.text(spec, "capacity", "storage") : "0";
            return List.of(
                    Fields.name(pv),
                    capacity,
                    accessModes(Fields.list(spec, "accessModes")),
                    Fields.text(spec, "persistentVolumeReclaimPolicy"),
                    Fields.deleting(pv) ? "Terminating" : Fields.text(pv, "status", "phase"),
                    claimText,
                    storageClass(pv),
                    Fields.orElse(Fields.text(spec, "volumeAttributesClassName"), "<unset>"),
                    Fields.text(pv, "status", "reason"),
                    Fields.age(pv, now),
                    Fields.orElse(Fields.text(spec, "volumeMode"), "<unset>"));
        });
    }

    /**
     * NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE | VOLUMEMODE.
     * CAPACITY and ACCESS MODES come from the status and stay empty until the claim is bound.
     */
    static TablePrinter persistentVolumeClaims() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Status", "string", "phase represents the current phase of"
                        + " PersistentVolumeClaim."),
                Columns.of("Volume", "string", "volumeName is the binding reference to the"
                        + " PersistentVolume backing this claim."),
                Columns.of("Capacity", "string", "capacity represents the actual resources of the"
                        + " underlying volume."),
                Columns.of("Access Modes", "string", "accessModes contains the actual access modes the"
                        + " volume backing the PVC has."),
                Columns.of("StorageClass", "string", "StorageClass of the pvc"),
                Columns.of("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
                Columns.AGE,
                Columns.wide("VolumeMode", "string", "volumeMode defines what type of volume is required"
                        + " by the claim."));
        return new RowPrinter(columns, (pvc, now) -> {
            JsonNode spec = pvc.path("spec");
            String volume = Fields.text(spec, "volumeName");
            boolean bound = !volume.isEmpty();
            String capacity = "";
            if (bound) {
                capacity = Fields.present(pvc, "status", "capacity", "storage")
                        ? Fields.text(pvc, "status", "capacity", "storage") : "0";
            }
            return List.of(
                    Fields.name(pvc),
                    Fields.deleting(pvc) ? "Terminating" : Fields.text(pvc, "status", "phase"),
                    volume,
                    capacity,
                    bound ? accessModes(Fields.list(pvc, "status", "accessModes")) : "",
                    storageClass(pvc),
                    Fields.orElse(Fields.text(spec, "volumeAttributesClassName"), "<unset>"),
                    Fields.age(pvc, now),
                    Fields.orElse(Fields.text(spec, "volumeMode"), "<unset>"));
        });
    }

    /** The beta storage-class annotation wins over {@code spec.storageClassName}. */
    private static String storageClass(JsonNode object) {
        JsonNode annotation = object.path("metadata").path("annotations").path(BETA_CLASS_ANNOTATION);
        if (annotation.isString()) {
            return annotation.asString();
        }
        return Fields.text(object, "spec", "storageClassName");
    }

    /** {@code [ReadWriteMany, ReadWriteOnce]} prints as {@code RWO,RWX}. */
    private static String accessModes(List<JsonNode> modes) {
        List<String> listed = modes.stream().map(m -> m.asString("")).toList();
        List<String> abbreviations = new ArrayList<>();
        ACCESS_MODES.forEach((mode, abbreviation) -> {
            if (listed.contains(mode)) {
                abbreviations.add(abbreviation);
            }
        });
        return String.join(",", abbreviations);
    }

    private static Map<String, String> accessModes() {
        Map<String, String> modes = new LinkedHashMap<>();
        modes.put("ReadWriteOnce", "RWO");
        modes.put("ReadOnlyMany", "ROX");
        modes.put("ReadWriteMany", "RWX");
        modes.put("ReadWriteOncePod", "RWOP");
        return modes;
    }

    /** NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE; the default class's name ends in {@code (default)}. */
    static TablePrinter storageClasses() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Provisioner", "string", "Indicates the type of the provisioner."),
                Columns.of("ReclaimPolicy", "string", "Indicates the type of the reclaim policy."),
                Columns.of("VolumeBindingMode", "string", "Indicates how PersistentVolumeClaims should be provisioned and bound"),
                Columns.of("AllowVolumeExpansion", "string", "Indicates whether the storage class allow volume expand"),
                Columns.AGE);
        return new RowPrinter(columns, (sc, now) -> {
            String name = Fields.name(sc);
            JsonNode annotations = sc.path("metadata").path("annotations");
            if ("true".equals(annotations.path("storageclass.kubernetes.io/is-default-class").asString(""))
                    || "true".equals(annotations.path("storageclass.beta.kubernetes.io/is-default-class").asString(""))) {
                name += " (default)";
            }
            return List.of(name, Fields.text(sc, "provisioner"), Fields.orElse(Fields.text(sc, "reclaimPolicy"), "Delete"),
                    Fields.orElse(Fields.text(sc, "volumeBindingMode"), "Immediate"),
                    sc.path("allowVolumeExpansion").asBoolean(false) ? "true" : "false", Fields.age(sc, now));
        });
    }
}
