package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.kubelite.machinery.defaulting.JobLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Job specs: counts are non-negative and the pods must not restart forever. */
final class JobValidator {

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> COMPLETION_MODES = List.of("NonIndexed", "Indexed");

    private JobValidator() {
    }

    /**
     * What a create checks beyond {@link #validate} (kube-apiserver's {@code ValidateGeneratedSelector},
     * run on create only): a selector, and unless {@code spec.manualSelector} is true the one the
     * server generated, with the template labels it selects. A selector of one's own without
     * {@code manualSelector: true} is refused with "`selector` not auto-generated".
     */
    static List<FieldError> validateCreate(Job job) {
        JobSpec spec = job.getSpec() == null ? new JobSpec() : job.getSpec();
        List<FieldError> errs = new ArrayList<>();
        if (spec.getSelector() == null) {
            errs.add(FieldError.required(SPEC.child("selector"), ""));
            return errs;
        }
        if (Boolean.TRUE.equals(spec.getManualSelector())) {
            return errs;
        }
        String uid = job.getMetadata() == null || job.getMetadata().getUid() == null ? "" : job.getMetadata().getUid();
        String name = job.getMetadata() == null || job.getMetadata().getName() == null ? "" : job.getMetadata().getName();
        if (uid.isEmpty()) {
            errs.add(FieldError.required(FieldPath.of("metadata", "uid"), ""));
        }
        Map<String, String> labels = WorkloadRules.templateLabels(WorkloadRules.orEmpty(spec.getTemplate()));
        FieldPath labelsPath = SPEC.child("template", "metadata", "labels");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(JobLabels.CONTROLLER_UID, uid);
        expected.put(JobLabels.JOB_NAME, name);
        expected.put(JobLabels.LEGACY_CONTROLLER_UID, uid);
        expected.put(JobLabels.LEGACY_JOB_NAME, name);
        expected.forEach((key, value) -> {
            String actual = labels == null ? null : labels.get(key);
            if (actual == null) {
                errs.add(FieldError.required(labelsPath.key(key), "must be '" + value + "'"));
            } else if (!actual.equals(value)) {
                errs.add(FieldError.invalid(labelsPath.key(key), Checks.labelsValue(labels), "must be '" + value + "'"));
            }
        });
        if (SelectorRules.validate(spec.getSelector(), FieldPath.ROOT).isEmpty()
                && !io.kubelite.machinery.selector.LabelSelector.fromApi(spec.getSelector()).matches(expected)) {
            errs.add(FieldError.invalid(SPEC.child("selector"), SelectorRules.selectorValue(spec.getSelector()),
                    "`selector` not auto-generated"));
        }
        return errs;
    }

    static List<FieldError> validate(Job job) {
        return spec(job.getSpec() == null ? new JobSpec() : job.getSpec(), SPEC);
    }

    /** The rules of a Job's spec at {@code path} (a Job's {@code spec}, a CronJob's {@code spec.jobTemplate.spec}). */
    static List<FieldError> spec(JobSpec spec, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Checks.nonNegative(errs, path.child("parallelism"), spec.getParallelism());
        Checks.nonNegative(errs, path.child("completions"), spec.getCompletions());
        Checks.nonNegative(errs, path.child("activeDeadlineSeconds"), spec.getActiveDeadlineSeconds());
        Checks.nonNegative(errs, path.child("backoffLimit"), spec.getBackoffLimit());
        Checks.nonNegative(errs, path.child("ttlSecondsAfterFinished"), spec.getTtlSecondsAfterFinished());
        String mode = spec.getCompletionMode();
        if (mode != null && !COMPLETION_MODES.contains(mode)) {
            errs.add(FieldError.notSupported(path.child("completionMode"), mode, COMPLETION_MODES));
        }
        if ("Indexed".equals(mode) && spec.getCompletions() == null) {
            errs.add(FieldError.required(path.child("completions"), "when completion mode is Indexed"));
        }
        PodTemplateSpec template = WorkloadRules.orEmpty(spec.getTemplate());
        FieldPath templatePath = path.child("template");
        if (spec.getSelector() != null) {
            errs.addAll(SelectorRules.validate(spec.getSelector(), path.child("selector")));
            errs.addAll(WorkloadRules.selectorMatchesTemplate(spec.getSelector(), template, templatePath));
        }
        errs.addAll(PodSpecValidator.template(template, templatePath));
        String restart = PodSpecValidator.restartPolicy(template);
        if (!restart.equals("OnFailure") && !restart.equals("Never")) {
            errs.add(FieldError.notSupported(templatePath.child("spec", "restartPolicy"), restart, List.of("OnFailure", "Never")));
        }
        return errs;
    }
}
