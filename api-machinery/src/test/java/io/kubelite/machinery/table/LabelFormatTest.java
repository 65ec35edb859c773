package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelFormatTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = ';', value = {
            "null;<none>",
            "{};<none>",
            "{\"matchLabels\":{}};<none>",
            "{\"matchLabels\":{\"tier\":\"web\",\"app\":\"x\"}};app=x,tier=web",
            "{\"matchExpressions\":[{\"key\":\"env\",\"operator\":\"In\",\"values\":[\"prod\",\"dev\"]}]};env in (dev,prod)",
            "{\"matchExpressions\":[{\"key\":\"env\",\"operator\":\"NotIn\",\"values\":[\"qa\"]}]};env notin (qa)",
            "{\"matchLabels\":{\"z\":\"1\"},\"matchExpressions\":[{\"key\":\"canary\",\"operator\":\"DoesNotExist\"},"
                    + "{\"key\":\"app\",\"operator\":\"Exists\"}]};app,!canary,z=1",
            "{\"matchExpressions\":[{\"key\":\"env\",\"operator\":\"In\",\"values\":[]}]};<error>",
            "{\"matchExpressions\":[{\"key\":\"env\",\"operator\":\"Near\",\"values\":[\"x\"]}]};<error>",
    })
    void formatsLabelSelectorsSortedByKey(String selector, String expected) {
        assertThat(LabelFormat.selectorOrNone(json(selector))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = ';', value = {
            "{};<none>",
            "null;<none>",
            "{\"name\":\"redis\",\"app\":\"cache\"};app=cache,name=redis",
    })
    void formatsLabelMapsSortedByKey(String labels, String expected) {
        assertThat(LabelFormat.labels(json(labels))).isEqualTo(expected);
    }
}
