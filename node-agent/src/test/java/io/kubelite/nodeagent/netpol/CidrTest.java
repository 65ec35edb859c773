package io.kubelite.nodeagent.netpol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "172.17.0.5/32, 172.17.0.5, true",
            "172.17.0.5/32, 172.17.0.6, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "192.168.1.7/24, 192.168.1.200, true",
            "fd00::/64, fd00::1, true",
            "fd00::/64, 10.0.0.1, false",
            "10.0.0.0/8, not-an-ip, false"})
    void containsAddressesOfItsBlockOnly(String cidr, String ip, boolean contained) {
        assertThat(Cidr.parse(cidr).contains(ip)).isEqualTo(contained);
    }

    @Test
    void hostBitsAreMaskedAndAPlainAddressIsASingleHost() {
        assertThat(Cidr.parse("192.168.1.7/24")).hasToString("192.168.1.0/24");
        assertThat(Cidr.parse("172.17.0.5")).hasToString("172.17.0.5/32");
        assertThat(Cidr.host("172.17.0.5")).isEqualTo(Cidr.parse("172.17.0.5/32"));
    }

    @Test
    void badBlocksAreRefusedWithoutAskingAResolver() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessage("invalid CIDR address: 10.0.0.0/33");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessage("invalid CIDR address: 10.0.0.0/x");
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).hasMessage("invalid IP address: example.com");
    }

    @Test
    void subtractingAnExceptionKeepsEveryOtherAddressInDisjointBlocks() {
        List<Cidr> left = Cidr.parse("10.0.0.0/8").subtract(List.of(Cidr.parse("10.1.0.0/16")));
        assertThat(left).hasSize(8).extracting(Cidr::toString).containsExactly("10.128.0.0/9", "10.64.0.0/10",
                "10.32.0.0/11", "10.16.0.0/12", "10.8.0.0/13", "10.4.0.0/14", "10.2.0.0/15", "10.0.0.0/16");
        assertThat(left).noneMatch(c -> c.contains("10.1.2.3"));
        for (String ip : List.of("10.0.0.1", "10.2.0.1", "10.255.255.255", "10.1.255.255".replace("10.1", "10.3"))) {
            assertThat(left).as(ip).filteredOn(c -> c.contains(ip)).hasSize(1);
        }
    }

    @Test
    void exceptionsOutsideTheBlockChangeNothingAndOnesCoveringItLeaveNothing() {
        Cidr block = Cidr.parse("172.17.0.0/16");
        assertThat(block.subtract(List.of(Cidr.parse("10.0.0.0/8")))).containsExactly(block);
        assertThat(block.subtract(List.of(Cidr.parse("172.0.0.0/8")))).isEmpty();
        assertThat(block.subtract(List.of(Cidr.parse("172.17.0.5/32"), Cidr.parse("172.17.128.0/17"))))
                .noneMatch(c -> c.contains("172.17.0.5") || c.contains("172.17.200.1"))
                .anyMatch(c -> c.contains("172.17.0.4"));
    }
}
