package io.kubelite.machinery.patch;

import static io.kubelite.machinery.patch.ListStrategy.mergeByKey;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListStrategyTest {

    @Test
    void aReplacedListHasNoMergeKey() {
        assertThatThrownBy(() -> new ListStrategy(false, "name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mergeByKey("")).isInstanceOf(IllegalArgumentException.class);
    }
}
