package io.kubelite.objectstore.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row of the change log: what happened to which object at which resourceVersion. */
@Entity
@Table(name = "changes")
public class ChangeRecord {

    @Id
    @Column(name = "resource_version")
    private long resourceVersion;

    private String resource;

    private String namespace;

    private String name;

    private String type;

    private String object;

    @Column(name = "committed_at")
    private Instant committedAt;

    protected ChangeRecord() {
    }

    public long resourceVersion() {
        return resourceVersion;
    }

    public String resource() {
        return resource;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public String object() {
        return object;
    }
}
