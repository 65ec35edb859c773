package io.kubelite.machinery.defaulting;

/**
 * The labels that tie a Job to its pods: the API server puts them on a new Job's pod template and
 * selects the uid one (unless {@code spec.manualSelector}), the Job controller puts them on every
 * pod it creates, so {@code kubectl get pods -l job-name=pi} and {@code kubectl logs job/pi} find
 * them. The unprefixed ones are the older names Kubernetes keeps setting.
 */
public final class JobLabels {

    public static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    public static final String JOB_NAME = "batch.kubernetes.io/job-name";
    public static final String LEGACY_CONTROLLER_UID = "controller-uid";
    public static final String LEGACY_JOB_NAME = "job-name";

    private JobLabels() {
    }
}
