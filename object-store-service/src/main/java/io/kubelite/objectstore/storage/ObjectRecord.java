package io.kubelite.objectstore.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** One stored object: its JSON body plus the columns that list and watch queries filter on. */
@Entity
@Table(name = "objects")
public class ObjectRecord {

    @Id
    private Long id;

    private String resource;

    private String namespace;

    private String name;

    private String uid;

    @Column(name = "resource_version")
    private long resourceVersion;

    @ColumnTransformer(write = "?::jsonb")
    private String labels;

    @Column(name = "owner_uids")
    @ColumnTransformer(write = "?::jsonb")
    private String ownerUids;

    @Column(name = "node_name")
    private String nodeName;

    @ColumnTransformer(write = "?::jsonb")
    private String body;

    protected ObjectRecord() {
    }

    public Long id() {
        return id;
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

    public String uid() {
        return uid;
    }

    public long resourceVersion() {
        return resourceVersion;
    }

    public String nodeName() {
        return nodeName;
    }

    public String body() {
        return body;
    }
}
