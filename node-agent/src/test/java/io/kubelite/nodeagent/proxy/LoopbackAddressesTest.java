package io.kubelite.nodeagent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopbackAddressesTest {

    /** {@code ip -o -4 addr show dev lo} with this cluster's address, another cluster's and the loopback's own. */
    static final String OUTPUT = """
            1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
            1: lo    inet 10.96.0.12/32 scope global lo:kl3f2a9c01be\\       valid_lft forever preferred_lft forever
            1: lo    inet 10.96.0.13/32 scope global lo:klother\\       valid_lft forever preferred_lft forever
            1: lo    inet 10.96.0.14/32 scope global lo:kl3f2a9c01be\\       valid_lft forever preferred_lft forever
            1: lo    inet 10.96.0.15/32 scope global lo\\       valid_lft forever preferred_lft forever
            """;

    @Test
    void findsOnlyTheAddressesCarryingThisClustersLabel() {
        assertThat(LoopbackAddresses.parse(OUTPUT, "lo:kl3f2a9c01be")).containsExactly("10.96.0.12", "10.96.0.14");
        assertThat(LoopbackAddresses.parse(OUTPUT, "lo:klother")).containsExactly("10.96.0.13");
        assertThat(LoopbackAddresses.parse("", "lo:kl3f2a9c01be")).isEmpty();
    }

    @Test
    void theLabelIsTheDeviceAndTheClusterIdWithinFifteenCharacters() {
        assertThat(new LoopbackAddresses("3f2a9c01be").label()).isEqualTo("lo:kl3f2a9c01be").hasSizeLessThanOrEqualTo(15);
        assertThatThrownBy(() -> new LoopbackAddresses("my-cluster-id-too-long"))
                .hasMessageContaining("1-10 letters or digits: my-cluster-id-too-long");
    }
}
