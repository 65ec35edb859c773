package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A Job's create: the selector the server generated, or one of the user's own with {@code manualSelector}. */
class JobCreateValidationTest {

    static final String UID = "6a9f0c1e-0000-4000-8000-000000000001";

    final ObjectValidator validator = new ObjectValidator();

    /** The fixture Job as the API server has prepared it: uid set, selector and labels generated. */
    static Job generated() {
        Job job = Fixtures.job();
        job.getMetadata().setUid(UID);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("batch.kubernetes.io/controller-uid", UID);
        labels.put("batch.kubernetes.io/job-name", "pi");
        labels.put("controller-uid", UID);
        labels.put("job-name", "pi");
        job.getSpec().getTemplate().getMetadata().setLabels(labels);
        job.getSpec().setSelector(new LabelSelectorBuilder().addToMatchLabels("batch.kubernetes.io/controller-uid", UID).build());
        return job;
    }

    @Test
    void theGeneratedSelectorIsValid() {
        assertThat(Fixtures.messages(validator.validateCreate(generated(), true))).isEmpty();
    }

    @Test
    void aSelectorOfOnesOwnNeedsManualSelector() {
        Job job = generated();
        job.getSpec().getSelector().getMatchLabels().put("app", "pi");

        assertThat(Fixtures.messages(validator.validateCreate(job, true))).containsExactly(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"pi\", "
                        + "\"batch.kubernetes.io/controller-uid\":\"" + UID + "\"}, "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"batch.kubernetes.io/controller-uid\":\""
                        + UID + "\", \"batch.kubernetes.io/job-name\":\"pi\", \"controller-uid\":\"" + UID
                        + "\", \"job-name\":\"pi\"}: `selector` does not match template `labels`");

        job.getSpec().setManualSelector(true);
        job.getSpec().getTemplate().getMetadata().getLabels().put("app", "pi");
        assertThat(Fixtures.messages(validator.validateCreate(job, true))).isEmpty();
    }

    @Test
    void aManualSelectorMustBeGiven() {
        Job job = Fixtures.job();
        job.getMetadata().setUid(UID);
        job.getSpec().setManualSelector(true);

        assertThat(Fixtures.messages(validator.validateCreate(job, true))).containsExactly("spec.selector: Required value");
        // an update of a Job stored without a selector is not held to it
        assertThat(Fixtures.messages(validator.validate(job, true))).isEmpty();
    }

    @Test
    void theGeneratedLabelsMustNameThisJob() {
        Job job = generated();
        job.getSpec().getTemplate().getMetadata().getLabels().put("job-name", "other");
        job.getSpec().getTemplate().getMetadata().getLabels().remove("batch.kubernetes.io/job-name");

        assertThat(Fixtures.messages(validator.validateCreate(job, true))).containsExactly(
                "spec.template.metadata.labels[batch.kubernetes.io/job-name]: Required value: must be 'pi'",
                "spec.template.metadata.labels[job-name]: Invalid value: map[string]string{\"batch.kubernetes.io/controller-uid\":\""
                        + UID + "\", \"controller-uid\":\"" + UID + "\", \"job-name\":\"other\"}: must be 'pi'");
    }

    @Test
    void selectorsWithExpressionsPrintAsGoPrintsThem() {
        var selector = new LabelSelectorBuilder().addNewMatchExpression().withKey("tier").withOperator("In")
                .withValues("a", "b").endMatchExpression().build();
        assertThat(SelectorRules.selectorValue(selector)).hasToString("v1.LabelSelector{MatchLabels:map[string]string(nil), "
                + "MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"tier\", "
                + "Operator:\"In\", Values:[]string{\"a\", \"b\"}}}}");
    }
}
