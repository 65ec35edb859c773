package io.kubelite.machinery.table;

/** Column definitions shared by many printers, with kube-apiserver's descriptions. */
final class Columns {

    static final Column NAME = new Column("Name", "string", "name",
            "Name must be unique within a namespace. Is required when creating resources, although"
                    + " some resources may allow a client to request the generation of an appropriate"
                    + " name automatically. Name is primarily intended for creation idempotence and"
                    + " configuration definition. Cannot be updated. More info:"
                    + " https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
            0);

    static final String CREATION_TIMESTAMP_DOC =
            "CreationTimestamp is a timestamp representing the server time when this object was"
                    + " created. It is not guaranteed to be set in happens-before order across separate"
                    + " operations. Clients may not set this value. It is represented in RFC3339 form"
                    + " and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info:"
                    + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    static final Column AGE = new Column("Age", "string", "", CREATION_TIMESTAMP_DOC, 0);

    static final Column CONTAINERS =
            wide("Containers", "string", "Names of each container in the template.");

    static final Column IMAGES =
            wide("Images", "string", "Images referenced by each container in the template.");

    private Columns() {
    }

    static Column of(String name, String type, String description) {
        return new Column(name, type, "", description, 0);
    }

    static Column wide(String name, String type, String description) {
        return new Column(name, type, "", description, 1);
    }
}
