package io.kubelite.objectstore.authorization;

import io.kubelite.objectstore.admission.AdmissionObjects;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What kube-apiserver checks of a service account token beyond its signature: the account it
 * names still exists with the same uid, and so does the pod it is bound to; one deleted (past its
 * grace period) invalidates the token at once, before it expires. The gateway verifies the
 * signature and passes the claims on as the user's uid and extra fields; only requests carrying a
 * token id ({@code authentication.kubernetes.io/credential-id}), i.e. authenticated by a service
 * account token, are checked.
 */
@Component
public class BoundTokens {

    private static final String PREFIX = "system:serviceaccount:";

    private final AdmissionObjects objects;
    private final ObjectStore store;
    private final Clock clock;

    @Autowired
    public BoundTokens(AdmissionObjects objects, ObjectStore store) {
        this(objects, store, Clock.systemUTC());
    }

    BoundTokens(AdmissionObjects objects, ObjectStore store, Clock clock) {
        this.objects = objects;
        this.store = store;
        this.clock = clock;
    }

    /** False when the request's token names an account or pod that no longer exists as it did. */
    public boolean stillValid(UserInfo user) {
        if (user.extraValue(UserInfo.EXTRA_CREDENTIAL_ID).isEmpty() || !user.name().startsWith(PREFIX)) {
            return true;
        }
        String[] parts = user.name().split(":");
        if (parts.length != 4) {
            return false;
        }
        String namespace = parts[2];
        Optional<StoredObject> account = objects.itemsOrStored("serviceaccounts", namespace).stream()
                .filter(a -> a.name().equals(parts[3])).findFirst();
        if (!current(account, user.uid())) {
            return false;
        }
        String podName = user.extraValue(UserInfo.EXTRA_POD_NAME);
        if (podName.isEmpty()) {
            return true;
        }
        return current(store.get("pods", namespace, podName), user.extraValue(UserInfo.EXTRA_POD_UID));
    }

    /** The object exists, has the uid the token names (when it names one) and is not past its deletion time. */
    private boolean current(Optional<StoredObject> object, String uid) {
        if (object.isEmpty() || (!uid.isEmpty() && !uid.equals(object.get().uid()))) {
            return false;
        }
        JsonNode deletion = object.get().body().path("metadata").path("deletionTimestamp");
        if (!deletion.isString()) {
            return true;
        }
        try {
            return !Instant.parse(deletion.asString()).isBefore(clock.instant());
        } catch (DateTimeParseException e) {
            return true;
        }
    }
}
