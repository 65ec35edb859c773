package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.kubelite.machinery.defaulting.Defaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** batch/v1 CronJobs: what kube-apiserver accepts, and its words for what it refuses. */
class CronJobValidationTest {

    final ObjectValidator validator = new ObjectValidator();

    static CronJob cronJob(String schedule) {
        CronJob cronJob = new CronJobBuilder().withNewMetadata().withName("hello").withNamespace("default").endMetadata()
                .withNewSpec().withSchedule(schedule).withNewJobTemplate().withNewSpec()
                .withTemplate(Fixtures.template("OnFailure")).endSpec().endJobTemplate().endSpec().build();
        Defaults.apply(cronJob);
        return cronJob;
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            */1 * * * *
            0 3 * * 1-5
            30 6-16/4 1,15 jan-jun ?
            @hourly
            @every 90s
            """)
    void acceptsWhatCronAccepts(String schedule) {
        assertThat(Fixtures.messages(validator.validateCreate(cronJob(schedule), true))).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `* * * *`            | spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]
            `61 * * * *`         | spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61
            `@fortnightly`       | spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly
            `*/1 * * * * *`      | spec.schedule: Invalid value: "*/1 * * * * *": expected exactly 5 fields, found 6: [*/1 * * * * *]
            """)
    void refusesAScheduleCronRefuses(String schedule, String message) {
        assertThat(Fixtures.messages(validator.validateCreate(cronJob(schedule), true))).containsExactly(message);
    }

    @Test
    void aTimeZoneBelongsInItsField() {
        assertThat(Fixtures.messages(validator.validateCreate(cronJob("TZ=UTC 0 * * * *"), true))).containsExactly(
                "spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
    }

    @Test
    void anEmptyScheduleIsRequired() {
        assertThat(Fixtures.messages(validator.validateCreate(cronJob(""), true)))
                .containsExactly("spec.schedule: Required value");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            America/New_York  | -
            Etc/GMT+5         | -
            UTC               | -
            Mars/Olympus_Mons | spec.timeZone: Invalid value: "Mars/Olympus_Mons": unknown time zone Mars/Olympus_Mons
            Local             | spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones
            ../etc/passwd     | spec.timeZone: Invalid value: "../etc/passwd": unknown time zone ../etc/passwd
            +05:00            | spec.timeZone: Invalid value: "+05:00": unknown time zone +05:00
            ``                | spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string
            """)
    void theTimeZoneIsAnIanaName(String zone, String message) {
        CronJob cronJob = cronJob("0 9 * * *");
        cronJob.getSpec().setTimeZone(zone == null ? "" : zone);
        if (message.equals("-")) {
            assertThat(Fixtures.messages(validator.validateCreate(cronJob, true))).isEmpty();
        } else {
            assertThat(Fixtures.messages(validator.validateCreate(cronJob, true))).containsExactly(message);
        }
    }

    @Test
    void policiesLimitsAndDeadlinesAreChecked() {
        CronJob cronJob = cronJob("* * * * *");
        cronJob.getSpec().setConcurrencyPolicy("Sometimes");
        cronJob.getSpec().setStartingDeadlineSeconds(-1L);
        cronJob.getSpec().setSuccessfulJobsHistoryLimit(-2);
        cronJob.getSpec().setFailedJobsHistoryLimit(-3);

        assertThat(Fixtures.messages(validator.validateCreate(cronJob, true))).containsExactly(
                "spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0",
                "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"",
                "spec.successfulJobsHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
                "spec.failedJobsHistoryLimit: Invalid value: -3: must be greater than or equal to 0");
    }

    @Test
    void theJobTemplateIsValidatedAsAJobWithItsSelectorLeftToTheServer() {
        CronJob cronJob = cronJob("* * * * *");
        cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().setRestartPolicy("Always");
        cronJob.getSpec().getJobTemplate().getSpec().setBackoffLimit(-1);
        cronJob.getSpec().getJobTemplate().getSpec().setSelector(new LabelSelectorBuilder().addToMatchLabels("app", "web").build());
        cronJob.getSpec().getJobTemplate().getSpec().setManualSelector(true);

        assertThat(Fixtures.messages(validator.validateCreate(cronJob, true))).containsExactly(
                "spec.jobTemplate.spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0",
                "spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"",
                "spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\"}, "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated",
                "spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: \"nil\", \"false\"");
    }

    @Test
    void aTemplateWithoutRestartPolicyGetsTheDefaultAlwaysAndIsRefused() {
        CronJob cronJob = cronJob("* * * * *");
        cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().setRestartPolicy(null);
        Defaults.apply(cronJob);

        assertThat(Fixtures.messages(validator.validateCreate(cronJob, true))).containsExactly(
                "spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
    }

    @Test
    void aNameLeavesRoomForTheJobsSuffixOnCreate() {
        CronJob cronJob = cronJob("* * * * *");
        String name = "a".repeat(53);
        cronJob.getMetadata().setName(name);

        assertThat(Fixtures.messages(validator.validateCreate(cronJob, true)))
                .containsExactly("metadata.name: Invalid value: \"" + name + "\": must be no more than 52 characters");
        cronJob.getMetadata().setName("a".repeat(52));
        assertThat(Fixtures.messages(validator.validateCreate(cronJob, true))).isEmpty();
    }

    @Test
    void defaultsAreKubernetes() {
        CronJob cronJob = cronJob("* * * * *");

        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Allow");
        assertThat(cronJob.getSpec().getSuspend()).isFalse();
        assertThat(cronJob.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
        assertThat(cronJob.getSpec().getFailedJobsHistoryLimit()).isEqualTo(1);
        // the pod template's defaults, none of a Job's
        assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(cronJob.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isNull();
        assertThat(cronJob.getSpec().getJobTemplate().getSpec().getCompletions()).isNull();
    }
}
