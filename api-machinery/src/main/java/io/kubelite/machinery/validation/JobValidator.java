package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.ArrayList;
import java.util.List;

/** Job specs: counts are non-negative and the pods must not restart forever. */
final class JobValidator {

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> COMPLETION_MODES = List.of("NonIndexed", "Indexed");

    private JobValidator() {
    }

    static List<FieldError> validate(Job job) {
        JobSpec spec = job.getSpec() == null ? new JobSpec() : job.getSpec();
        List<FieldError> errs = new ArrayList<>();
        Checks.nonNegative(errs, SPEC.child("parallelism"), spec.getParallelism());
        Checks.nonNegative(errs, SPEC.child("completions"), spec.getCompletions());
        Checks.nonNegative(errs, SPEC.child("activeDeadlineSeconds"), spec.getActiveDeadlineSeconds());
        Checks.nonNegative(errs, SPEC.child("backoffLimit"), spec.getBackoffLimit());
        Checks.nonNegative(errs, SPEC.child("ttlSecondsAfterFinished"), spec.getTtlSecondsAfterFinished());
        String mode = spec.getCompletionMode();
        if (mode != null && !COMPLETION_MODES.contains(mode)) {
            errs.add(FieldError.notSupported(SPEC.child("completionMode"), mode, COMPLETION_MODES));
        }
        if ("Indexed".equals(mode) && spec.getCompletions() == null) {
            errs.add(FieldError.required(SPEC.child("completions"), "when completion mode is Indexed"));
        }
        PodTemplateSpec template = WorkloadRules.orEmpty(spec.getTemplate());
        FieldPath templatePath = SPEC.child("template");
        if (spec.getSelector() != null) {
            errs.addAll(SelectorRules.validate(spec.getSelector(), SPEC.child("selector")));
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
