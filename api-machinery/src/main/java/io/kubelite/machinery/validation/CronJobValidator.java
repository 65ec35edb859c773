package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.kubelite.machinery.cron.CronSchedule;
import io.kubelite.machinery.cron.CronSyntaxException;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * batch/v1 CronJobs as kube-apiserver validates them: a schedule cron accepts, an IANA time zone,
 * a known concurrency policy, non-negative deadlines and history limits, and a job template that
 * would make a valid Job (its selector left to the server).
 */
final class CronJobValidator {

    /**
     * The controller names each Job {@code <cronjob>-<minutes since the epoch>}, eleven characters
     * more, and a Job's pods are labelled with its name (at most 63 characters).
     */
    static final int MAX_NAME_LENGTH = 52;

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> CONCURRENCY_POLICIES = List.of("Allow", "Forbid", "Replace");
    /** One component of an IANA zone name; digits and '+' are tolerated for legacy names (Etc/GMT+5). */
    private static final Pattern ZONE_PART = Pattern.compile("^[A-Za-z.\\-_0-9+]{1,14}$");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private CronJobValidator() {
    }

    static List<FieldError> validateCreate(CronJob cronJob) {
        List<FieldError> errs = new ArrayList<>();
        String name = cronJob.getMetadata() == null ? null : cronJob.getMetadata().getName();
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            errs.add(FieldError.invalid(FieldPath.of("metadata", "name"), name,
                    "must be no more than " + MAX_NAME_LENGTH + " characters"));
        }
        return errs;
    }

    static List<FieldError> validate(CronJob cronJob) {
        CronJobSpec spec = cronJob.getSpec() == null ? new CronJobSpec() : cronJob.getSpec();
        List<FieldError> errs = new ArrayList<>();
        String schedule = spec.getSchedule();
        if (Checks.isEmpty(schedule)) {
            errs.add(FieldError.required(SPEC.child("schedule"), ""));
        } else {
            errs.addAll(schedule(schedule));
        }
        Checks.nonNegative(errs, SPEC.child("startingDeadlineSeconds"), spec.getStartingDeadlineSeconds());
        errs.addAll(timeZone(spec.getTimeZone()));
        String policy = spec.getConcurrencyPolicy();
        if (Checks.isEmpty(policy)) {
            errs.add(FieldError.required(SPEC.child("concurrencyPolicy"), ""));
        } else if (!CONCURRENCY_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported(SPEC.child("concurrencyPolicy"), policy, CONCURRENCY_POLICIES));
        }
        errs.addAll(jobTemplate(spec.getJobTemplate(), SPEC.child("jobTemplate")));
        Checks.nonNegative(errs, SPEC.child("successfulJobsHistoryLimit"), spec.getSuccessfulJobsHistoryLimit());
        Checks.nonNegative(errs, SPEC.child("failedJobsHistoryLimit"), spec.getFailedJobsHistoryLimit());
        return errs;
    }

    private static List<FieldError> schedule(String schedule) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath path = SPEC.child("schedule");
        try {
            CronSchedule.parse(withoutZonePrefix(schedule));
        } catch (CronSyntaxException e) {
            errs.add(FieldError.invalid(path, schedule, e.getMessage()));
        }
        if (schedule.contains("TZ")) {
            errs.add(FieldError.invalid(path, schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        }
        return errs;
    }

    /** cron reads a leading {@code TZ=zone } or {@code CRON_TZ=zone } itself; the zone belongs in {@code spec.timeZone}. */
    private static String withoutZonePrefix(String schedule) {
        if ((schedule.startsWith("TZ=") || schedule.startsWith("CRON_TZ=")) && schedule.indexOf(' ') > 0) {
            return schedule.substring(schedule.indexOf(' ')).trim();
        }
        return schedule;
    }

    private static List<FieldError> timeZone(String zone) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath path = SPEC.child("timeZone");
        if (zone == null) {
            return errs;
        }
        if (zone.isEmpty()) {
            errs.add(FieldError.invalid(path, zone, "timeZone must be nil or non-empty string"));
            return errs;
        }
        for (String part : zone.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || part.startsWith("-") || !ZONE_PART.matcher(part).matches()) {
                errs.add(FieldError.invalid(path, zone, "unknown time zone " + zone));
                return errs;
            }
        }
        if (zone.equalsIgnoreCase("Local")) {
            errs.add(FieldError.invalid(path, zone,
                    "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
        } else if (!ZONES.contains(zone)) {
            errs.add(FieldError.invalid(path, zone, "unknown time zone " + zone));
        }
        return errs;
    }

    private static List<FieldError> jobTemplate(JobTemplateSpec template, FieldPath path) {
        JobSpec spec = template == null || template.getSpec() == null ? new JobSpec() : template.getSpec();
        FieldPath specPath = path.child("spec");
        List<FieldError> errs = new ArrayList<>();
        if (template != null && template.getMetadata() != null) {
            errs.addAll(MetaValidator.labels(template.getMetadata().getLabels(), path.child("metadata", "labels")));
            errs.addAll(MetaValidator.annotations(template.getMetadata().getAnnotations(), path.child("metadata", "annotations")));
        }
        errs.addAll(JobValidator.spec(spec, specPath));
        if (spec.getSelector() != null) {
            errs.add(FieldError.invalid(specPath.child("selector"), SelectorRules.selectorValue(spec.getSelector()),
                    "`selector` will be auto-generated"));
        }
        if (Boolean.TRUE.equals(spec.getManualSelector())) {
            errs.add(FieldError.notSupported(specPath.child("manualSelector"), true, List.of("nil", "false")));
        }
        return errs;
    }
}
