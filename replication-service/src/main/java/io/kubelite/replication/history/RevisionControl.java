package io.kubelite.replication.history;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;

/** The writes of a controller's history ({@link ControllerHistory}). */
public interface RevisionControl {

    /** Creates the revision; one of that name already there is left as it is. */
    void create(ControllerRevision revision);

    void renumber(ControllerRevision revision, long to);

    /** Deletes the revision; one already gone is no error. */
    void delete(ControllerRevision revision);
}
