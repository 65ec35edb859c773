package io.kubelite.machinery.table;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Printers of small kinds that show a name, a count or a phase, and the fallbacks for all others. */
final class BasicPrinters {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneOffset.UTC);

    private BasicPrinters() {
    }

    /** NAME STATUS AGE. */
    static TablePrinter namespaces() {
        List<Column> columns = List.of(
                Columns.NAME, Columns.of("Status", "string", "The status of the namespace"), Columns.AGE);
        return new RowPrinter(columns, (namespace, now) -> List.of(
                Fields.name(namespace), Fields.text(namespace, "status", "phase"), Fields.age(namespace, now)));
    }

    /** NAME STATUS MESSAGE ERROR, from the Healthy condition (kubectl get componentstatuses). */
    static TablePrinter componentStatuses() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Status", "string", "Status of the component conditions"),
                Columns.of("Message", "string", "Message of the component conditions"),
                Columns.of("Error", "string", "Error of the component conditions"));
        return new RowPrinter(columns, (component, now) -> {
            JsonNode healthy = null;
            for (JsonNode c : component.path("conditions")) {
                if ("Healthy".equals(c.path("type").asString(""))) {
                    healthy = c;
                }
            }
            String status = healthy == null ? "Unknown" : switch (healthy.path("status").asString("")) {
                case "True" -> "Healthy";
                case "False" -> "Unhealthy";
                default -> "Unknown";
            };
            return List.of(Fields.name(component), status,
                    healthy == null ? "" : healthy.path("message").asString(""),
                    healthy == null ? "" : healthy.path("error").asString(""));
        });
    }

    /**
     * APIServices: NAME SERVICE AVAILABLE AGE, as kube-aggregator prints them: {@code Local} for a
     * group version the API server serves itself, else {@code namespace/name} of the service;
     * the Available condition's status, with its reason in brackets when it is not True
     * ({@code False (FailedDiscoveryCheck)}).
     */
    static TablePrinter apiServices() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Service", "string", "The reference to the service that hosts this API endpoint."),
                Columns.of("Available", "string", "Whether this service is available."),
                Columns.AGE);
        return new RowPrinter(columns, (apiService, now) -> {
            JsonNode service = apiService.path("spec").path("service");
            String serviceCell = service.isObject()
                    ? service.path("namespace").asString("") + "/" + service.path("name").asString("") : "Local";
            String available = "Unknown";
            for (JsonNode c : apiService.path("status").path("conditions")) {
                if ("Available".equals(c.path("type").asString(""))) {
                    String status = c.path("status").asString("");
                    String reason = c.path("reason").asString("");
                    available = status.equals("True") || reason.isEmpty() ? status : status + " (" + reason + ")";
                }
            }
            return List.of(Fields.name(apiService), serviceCell, available, Fields.age(apiService, now));
        });
    }

    /**
     * CertificateSigningRequests: NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION, the
     * condition as kube's extractCSRStatus spells it ({@code Pending}, {@code Approved,Issued},
     * {@code Denied}, {@code Approved,Failed}).
     */
    static TablePrinter certificateSigningRequests() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.AGE,
                Columns.of("SignerName", "string", "signerName indicates the requested signer, and is a qualified name."),
                Columns.of("Requestor", "string", "request contains an x509 certificate signing request encoded in a "
                        + "\"CERTIFICATE REQUEST\" PEM block."),
                Columns.of("RequestedDuration", "string", "expirationSeconds is the requested duration of validity of "
                        + "the issued certificate."),
                Columns.of("Condition", "string", "conditions applied to the request. Known conditions are "
                        + "\"Approved\", \"Denied\", and \"Failed\"."));
        return new RowPrinter(columns, (csr, now) -> {
            JsonNode spec = csr.path("spec");
            JsonNode expiration = spec.path("expirationSeconds");
            String requested = expiration.isNumber()
                    ? Durations.human(java.time.Duration.ofSeconds(expiration.asLong())) : "<none>";
            return List.of(Fields.name(csr), Fields.age(csr, now), Fields.orElse(Fields.text(spec, "signerName"), "<none>"),
                    Fields.text(spec, "username"), requested, csrCondition(csr.path("status")));
        });
    }

    private static String csrCondition(JsonNode status) {
        boolean approved = false;
        boolean denied = false;
        boolean failed = false;
        for (JsonNode c : status.path("conditions")) {
            switch (c.path("type").asString("")) {
                case "Approved" -> approved = true;
                case "Denied" -> denied = true;
                case "Failed" -> failed = true;
                default -> {
                }
            }
        }
        String condition = denied ? "Denied" : approved ? "Approved" : "Pending";
        if (failed) {
            condition += ",Failed";
        }
        if (!status.path("certificate").asString("").isEmpty()) {
            condition += ",Issued";
        }
        return condition;
    }

    /** NAME DATA AGE, DATA counting the keys of {@code data} and {@code binaryData}. */
    static TablePrinter configMaps() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Data", "string", "Data contains the configuration data."),
                Columns.AGE);
        return new RowPrinter(columns, (configMap, now) -> List.of(
                Fields.name(configMap),
                (long) (configMap.path("data").size() + configMap.path("binaryData").size()),
                Fields.age(configMap, now)));
    }

    /** NAME TYPE DATA AGE. */
    static TablePrinter secrets() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Type", "string", "Used to facilitate programmatic handling of secret data."),
                Columns.of("Data", "string", "Data contains the secret data."),
                Columns.AGE);
        return new RowPrinter(columns, (secret, now) -> List.of(
                Fields.name(secret),
                Fields.text(secret, "type"),
                (long) secret.path("data").size(),
                Fields.age(secret, now)));
    }

    /** NAME SECRETS AGE. */
    static TablePrinter serviceAccounts() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Secrets", "string", "Secrets is a list of the secrets in the same namespace"
                        + " that pods running using this ServiceAccount are allowed to use."),
                Columns.AGE);
        return new RowPrinter(columns, (account, now) -> List.of(
                Fields.name(account), (long) Fields.list(account, "secrets").size(), Fields.age(account, now)));
    }

    /** NAME HOLDER AGE. */
    static TablePrinter leases() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Holder", "string", "holderIdentity contains the identity of the holder of a"
                        + " current lease."),
                Columns.AGE);
        return new RowPrinter(columns, (lease, now) -> List.of(
                Fields.name(lease), Fields.text(lease, "spec", "holderIdentity"), Fields.age(lease, now)));
    }

    /** NAME CONTROLLER REVISION AGE; the controller as {@code daemonset.apps/logger}. */
    static TablePrinter controllerRevisions() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Controller", "string", "Controller of the object"),
                Columns.of("Revision", "string", "Revision indicates the revision of the state represented by Data."),
                Columns.AGE);
        return new RowPrinter(columns, (revision, now) -> List.of(
                Fields.name(revision), controller(revision), Fields.integer(revision, "revision"),
                Fields.age(revision, now)));
    }

    private static String controller(JsonNode object) {
        for (JsonNode ref : Fields.list(object, "metadata", "ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                String apiVersion = ref.path("apiVersion").asString("");
                String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                String kind = ref.path("kind").asString("").toLowerCase(java.util.Locale.ROOT);
                return (group.isEmpty() ? kind : kind + "." + group) + "/" + ref.path("name").asString("");
            }
        }
        return "<none>";
    }

    /**
     * NAME CREATED AT: kube-apiserver's generic printer for built-in kinds without their own
     * (limit ranges among them), printing the creation time as an RFC 3339 UTC timestamp.
     */
    static TablePrinter createdAt() {
        List<Column> columns = List.of(
                Columns.NAME, new Column("Created At", "date", "", Columns.CREATION_TIMESTAMP_DOC, 0));
        return new RowPrinter(columns, (object, now) -> List.of(
                Fields.name(object),
                Fields.time(object, "metadata", "creationTimestamp")
                        .map(t -> RFC3339.format(t.truncatedTo(ChronoUnit.SECONDS)))
                        .orElse("0001-01-01T00:00:00Z")));
    }

    /** NAME AGE: the columns of a custom resource without additional printer columns. */
    static TablePrinter nameAndAge() {
        List<Column> columns = List.of(
                Columns.NAME, new Column("Age", "date", "", Columns.CREATION_TIMESTAMP_DOC, 0));
        return new RowPrinter(columns, (object, now) -> List.of(Fields.name(object), Fields.age(object, now)));
    }

    /** NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY. */
    static TablePrinter priorityClasses() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Value", "integer", "The integer value of this priority class."),
                Columns.of("Global-Default", "boolean", "Whether this priority class should be considered as the default "
                        + "priority for pods that do not have any priority class."),
                Columns.AGE,
                Columns.of("PreemptionPolicy", "string", "The policy for preempting pods with lower priority."));
        return new RowPrinter(columns, (pc, now) -> List.of(Fields.name(pc), Fields.integer(pc, "value"),
                pc.path("globalDefault").asBoolean(false), Fields.age(pc, now),
                Fields.orElse(Fields.text(pc, "preemptionPolicy"), "PreemptLowerPriority")));
    }

    /**
     * NAME HANDLER AGE. kube-apiserver documents the Handler column with ObjectMeta's description
     * of a field ObjectMeta does not have, which is none.
     */
    static TablePrinter runtimeClasses() {
        List<Column> columns = List.of(Columns.NAME, Columns.of("Handler", "string", ""), Columns.AGE);
        return new RowPrinter(columns, (rc, now) -> List.of(Fields.name(rc), Fields.text(rc, "handler"), Fields.age(rc, now)));
    }
}
