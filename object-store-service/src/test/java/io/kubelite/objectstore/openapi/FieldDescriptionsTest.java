package io.kubelite.objectstore.openapi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldDescriptionsTest {

    final FieldDescriptions table = FieldDescriptions.parse(List.of(
            "core\tv1\tPodSpec\taffinity\tIf specified, the pod's scheduling constraints",
            "core\tv1\tEvent\tinvolvedObject\tThe object that this event is about.",
            "events\tv1\tEvent\tregarding\tregarding contains the object this Event is about.",
            "core\tv1\tEvent\tmetadata\tStandard object's metadata.",
            "events\tv1\tEvent\tmetadata\tStandard object's metadata.\\n\\nMore info: the conventions",
            "apps\tv1\tDeployment\tmetadata\tStandard object's metadata.",
            "",
            "meta\tv1\tObjectMeta\tcreationTimestamp\tCreationTimestamp is a timestamp.\\nPopulated by the system."));

    @Test
    void findsAFieldByTheJavaModelsName() {
        assertThat(table.of("V1PodSpec", "affinity")).contains("If specified, the pod's scheduling constraints");
        assertThat(table.of("V1Deployment", "metadata")).contains("Standard object's metadata.");
        assertThat(table.of("V1PodSpec", "nodeName")).isEmpty();
        assertThat(table.of("V2PodSpec", "affinity")).isEmpty();
    }

    @Test
    void aGroupPrefixChoosesAmongGroupsThatShareATypeName() {
        assertThat(table.of("CoreV1Event", "metadata")).contains("Standard object's metadata.");
        assertThat(table.of("EventsV1Event", "metadata")).contains("Standard object's metadata.\n\nMore info: the conventions");
        assertThat(table.of("EventsV1Event", "regarding")).contains("regarding contains the object this Event is about.");
        assertThat(table.of("EventsV1Event", "involvedObject")).isEmpty();
        // without a prefix, two different descriptions are no answer
        assertThat(table.of("V1Event", "metadata")).isEmpty();
        assertThat(table.of("V1Event", "involvedObject")).contains("The object that this event is about.");
    }

    @Test
    void newlinesAreWrittenAsBackslashN() {
        assertThat(table.of("V1ObjectMeta", "creationTimestamp")).contains("CreationTimestamp is a timestamp.\nPopulated by the system.");
    }

    @Test
    void aLineWithoutFiveColumnsIsRejectedWithItsNumber() {
        assertThatThrownBy(() -> FieldDescriptions.parse(List.of("core\tv1\tPodSpec\taffinity\tok", "core\tv1\tPodSpec")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2: expected 5 tab-separated columns, found 3");
    }

    @Test
    void namesThatAreNoModelNamesFindNothing() {
        assertThat(table.of("IntOrString", "value")).isEmpty();
        assertThat(FieldDescriptions.none().of("V1PodSpec", "affinity")).isEmpty();
    }
}
