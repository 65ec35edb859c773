package io.kubelite.machinery.table;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Printers of the pod controllers: replication controllers, replica sets, deployments, daemon sets, jobs, cron jobs. */
final class WorkloadPrinters {

    /** The API server defaults {@code spec.replicas} to 1; an object stored without it reads the same. */
    private static final long DEFAULT_REPLICAS = 1;

    private WorkloadPrinters() {
    }

    /** NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR, the selector being a label map. */
    static TablePrinter replicationControllers() {
        return new RowPrinter(replicaColumns(), (rc, now) -> replicaCells(rc, now,
                LabelFormat.labels(rc.path("spec").path("selector"))));
    }

    /** As replication controllers, the selector being a {@code LabelSelector}. */
    static TablePrinter replicaSets() {
        return new RowPrinter(replicaColumns(), (rs, now) -> replicaCells(rs, now,
                LabelFormat.selectorOrNone(rs.path("spec").path("selector"))));
    }

    /** NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR, READY being {@code ready/desired}. */
    static TablePrinter deployments() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Ready", "string", "Number of the pod with ready state"),
                Columns.of("Up-to-date", "string", "Total number of non-terminated pods targeted by this"
                        + " deployment that have the desired template spec."),
                Columns.of("Available", "string", "Total number of available pods (ready for at least"
                        + " minReadySeconds) targeted by this deployment."),
                Columns.AGE, Columns.CONTAINERS, Columns.IMAGES,
                Columns.wide("Selector", "string", "Label selector for pods."));
        return new RowPrinter(columns, (deployment, now) -> {
            JsonNode status = deployment.path("status");
            JsonNode template = deployment.path("spec").path("template");
            return List.of(
                    Fields.name(deployment),
                    Fields.integer(status, "readyReplicas") + "/" + desiredReplicas(deployment),
                    Fields.integer(status, "updatedReplicas"),
                    Fields.integer(status, "availableReplicas"),
                    Fields.age(deployment, now),
                    containerNames(template),
                    containerImages(template),
                    LabelFormat.selector(deployment.path("spec").path("selector")).orElse("<invalid>"));
        });
    }

    /** NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE | CONTAINERS IMAGES SELECTOR. */
    static TablePrinter daemonSets() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Desired", "integer", "The total number of nodes that should be running the"
                        + " daemon pod."),
                Columns.of("Current", "integer", "The number of nodes that are running at least 1 daemon"
                        + " pod and are supposed to run the daemon pod."),
                Columns.of("Ready", "integer", "The number of nodes that should be running the daemon pod"
                        + " and have one or more of the daemon pod running and ready."),
                Columns.of("Up-to-date", "integer", "The total number of nodes that are running updated"
                        + " daemon pod"),
                Columns.of("Available", "integer", "The number of nodes that should be running the daemon"
                        + " pod and have one or more of the daemon pod running and available."),
                Columns.of("Node Selector", "string", "NodeSelector is a selector which must be true for"
                        + " the pod to fit on a node."),
                Columns.AGE, Columns.CONTAINERS, Columns.IMAGES,
                Columns.wide("Selector", "string", "A label query over pods that are managed by the"
                        + " daemon set."));
        return new RowPrinter(columns, (ds, now) -> {
            JsonNode status = ds.path("status");
            JsonNode template = ds.path("spec").path("template");
            return List.of(
                    Fields.name(ds),
                    Fields.integer(status, "desiredNumberScheduled"),
                    Fields.integer(status, "currentNumberScheduled"),
                    Fields.integer(status, "numberReady"),
                    Fields.integer(status, "updatedNumberScheduled"),
                    Fields.integer(status, "numberAvailable"),
                    LabelFormat.labels(template.path("spec").path("nodeSelector")),
                    Fields.age(ds, now),
                    containerNames(template),
                    containerImages(template),
                    LabelFormat.selectorOrNone(ds.path("spec").path("selector")));
        });
    }

    /** NAME READY AGE | CONTAINERS IMAGES. */
    static TablePrinter statefulSets() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Ready", "string", "Number of the pod with ready state"),
                Columns.AGE, Columns.CONTAINERS, Columns.IMAGES);
        return new RowPrinter(columns, (sts, now) -> {
            JsonNode template = sts.path("spec").path("template");
            return List.of(
                    Fields.name(sts),
                    Fields.integer(sts, "status", "readyReplicas") + "/" + desiredReplicas(sts),
                    Fields.age(sts, now),
                    containerNames(template),
                    containerImages(template));
        });
    }

    /**
     * NAME STATUS COMPLETIONS DURATION AGE | CONTAINERS IMAGES SELECTOR. COMPLETIONS is
     * {@code succeeded/completions}, or {@code 1/1 of 3} for a work queue with parallelism 3;
     * DURATION runs until {@code completionTime}, or until now while the job runs.
     */
    static TablePrinter jobs() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Status", "string", "Status of the job."),
                Columns.of("Completions", "string", "The number of pods which reached phase Succeeded."),
                Columns.of("Duration", "string", "Time required to complete the job."),
                Columns.AGE, Columns.CONTAINERS, Columns.IMAGES,
                Columns.wide("Selector", "string", "A label query over pods that should match the pod"
                        + " count."));
        return new RowPrinter(columns, (job, now) -> {
            JsonNode template = job.path("spec").path("template");
            return List.of(
                    Fields.name(job),
                    jobStatus(job),
                    completions(job),
                    jobDuration(job, now),
                    Fields.age(job, now),
                    containerNames(template),
                    containerImages(template),
                    LabelFormat.selectorOrNone(job.path("spec").path("selector")));
        });
    }

    /**
     * NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE | CONTAINERS IMAGES SELECTOR; TIMEZONE
     * and LAST SCHEDULE are {@code <none>} when unset, SUSPEND {@code <unset>}.
     */
    static TablePrinter cronJobs() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Schedule", "string", "The schedule in Cron format, see"
                        + " https://en.wikipedia.org/wiki/Cron."),
                Columns.of("Timezone", "string", "The time zone name for the given schedule, see"
                        + " https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
                Columns.of("Suspend", "boolean", "This flag tells the controller to suspend subsequent"
                        + " executions, it does not apply to already started executions.  Defaults to false."),
                Columns.of("Active", "integer", "A list of pointers to currently running jobs."),
                Columns.of("Last Schedule", "string", "Information when was the last time the job was"
                        + " successfully scheduled."),
                Columns.AGE, Columns.CONTAINERS, Columns.IMAGES,
                Columns.wide("Selector", "string", "A label query over pods that should match the pod"
                        + " count."));
        return new RowPrinter(columns, (cronJob, now) -> {
            JsonNode spec = cronJob.path("spec");
            JsonNode template = spec.path("jobTemplate").path("spec").path("template");
            JsonNode suspend = spec.path("suspend");
            Optional<Instant> lastSchedule = Fields.time(cronJob, "status", "lastScheduleTime");
            return List.of(
                    Fields.name(cronJob),
                    Fields.text(spec, "schedule"),
                    spec.path("timeZone").isString() ? spec.path("timeZone").asString() : "<none>",
                    suspend.isBoolean() ? (suspend.asBoolean() ? "True" : "False") : "<unset>",
                    (long) Fields.list(cronJob, "status", "active").size(),
                    lastSchedule.isPresent() ? Fields.since(lastSchedule, now) : "<none>",
                    Fields.age(cronJob, now),
                    containerNames(template),
                    containerImages(template),
                    LabelFormat.selectorOrNone(spec.path("jobTemplate").path("spec").path("selector")));
        });
    }

    /** NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE; {@code N/A} for the bound not set. */
    static TablePrinter disruptionBudgets() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Min Available", "string", "The minimum number of pods that must be available."),
                Columns.of("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
                Columns.of("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
                Columns.AGE);
        return new RowPrinter(columns, (pdb, now) -> {
            JsonNode spec = pdb.path("spec");
            return List.of(
                    Fields.name(pdb),
                    spec.path("minAvailable").isMissingNode() || spec.path("minAvailable").isNull()
                            ? "N/A" : spec.path("minAvailable").asString(),
                    spec.path("maxUnavailable").isMissingNode() || spec.path("maxUnavailable").isNull()
                            ? "N/A" : spec.path("maxUnavailable").asString(),
                    Fields.integer(pdb, "status", "disruptionsAllowed"),
                    Fields.age(pdb, now));
        });
    }

    private static List<Column> replicaColumns() {
        return List.of(
                Columns.NAME,
                Columns.of("Desired", "integer", "Replicas is the number of desired replicas."),
                Columns.of("Current", "integer", "Replicas is the most recently observed number of replicas."),
                Columns.of("Ready", "integer", "The number of ready replicas for this controller."),
                Columns.AGE, Columns.CONTAINERS, Columns.IMAGES,
                Columns.wide("Selector", "string", "Selector is a label query over pods that should match"
                        + " the replica count."));
    }

    private static List<Object> replicaCells(JsonNode controller, Instant now, String selector) {
        JsonNode status = controller.path("status");
        JsonNode template = controller.path("spec").path("template");
        return List.of(
                Fields.name(controller),
                desiredReplicas(controller),
                Fields.integer(status, "replicas"),
                Fields.integer(status, "readyReplicas"),
                Fields.age(controller, now),
                containerNames(template),
                containerImages(template),
                selector);
    }

    /** NAME CONTAINERS IMAGES POD LABELS, as kube-apiserver prints a PodTemplate. */
    static TablePrinter podTemplates() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Containers", "string", "Names of each container in the template."),
                Columns.of("Images", "string", "Images referenced by each container in the template."),
                Columns.of("Pod Labels", "string", "The labels for the pod template."));
        return new RowPrinter(columns, (podTemplate, now) -> {
            JsonNode template = podTemplate.path("template");
            return List.of(Fields.name(podTemplate), containerNames(template), containerImages(template),
                    LabelFormat.labels(template.path("metadata").path("labels")));
        });
    }

    private static long desiredReplicas(JsonNode controller) {
        JsonNode replicas = controller.path("spec").path("replicas");
        return replicas.isNumber() ? replicas.asLong() : DEFAULT_REPLICAS;
    }

    private static String containerNames(JsonNode template) {
        return Fields.list(template, "spec", "containers").stream()
                .map(c -> Fields.text(c, "name"))
                .collect(Collectors.joining(","));
    }

    private static String containerImages(JsonNode template) {
        return Fields.list(template, "spec", "containers").stream()
                .map(c -> Fields.text(c, "image"))
                .collect(Collectors.joining(","));
    }

    /** Conditions win in this order: Complete, Failed, (being deleted), Suspended, FailureTarget. */
    private static String jobStatus(JsonNode job) {
        JsonNode status = job.path("status");
        if (Fields.conditionTrue(status, "Complete")) {
            return "Complete";
        }
        if (Fields.conditionTrue(status, "Failed")) {
            return "Failed";
        }
        if (Fields.deleting(job)) {
            return "Terminating";
        }
        if (Fields.conditionTrue(status, "Suspended")) {
            return "Suspended";
        }
        if (Fields.conditionTrue(status, "FailureTarget")) {
            return "FailureTarget";
        }
        return "Running";
    }

    private static String completions(JsonNode job) {
        long succeeded = Fields.integer(job, "status", "succeeded");
        JsonNode completions = job.path("spec").path("completions");
        if (completions.isNumber()) {
            return succeeded + "/" + completions.asLong();
        }
        long parallelism = Fields.integer(job, "spec", "parallelism");
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String jobDuration(JsonNode job, Instant now) {
        Optional<Instant> start = Fields.time(job, "status", "startTime");
        if (start.isEmpty()) {
            return "";
        }
        Instant end = Fields.time(job, "status", "completionTime").orElse(now);
        return Durations.human(Duration.between(start.get(), end));
    }
}
