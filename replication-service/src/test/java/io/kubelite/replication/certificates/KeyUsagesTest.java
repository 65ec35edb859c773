package io.kubelite.replication.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

class KeyUsagesTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a client certificate", List.of("digital signature", "key encipherment", "client auth"),
                        KeyUsage.digitalSignature | KeyUsage.keyEncipherment, List.of("1.3.6.1.5.5.7.3.2")),
                Arguments.of("signing is digital signature", List.of("signing"), KeyUsage.digitalSignature, List.of()),
                Arguments.of("content commitment is nonRepudiation", List.of("content commitment"), KeyUsage.nonRepudiation, List.of()),
                Arguments.of("the CA bits", List.of("cert sign", "crl sign"), KeyUsage.keyCertSign | KeyUsage.cRLSign, List.of()),
                Arguments.of("the encipherment bits", List.of("key agreement", "data encipherment", "encipher only", "decipher only"),
                        KeyUsage.keyAgreement | KeyUsage.dataEncipherment | KeyUsage.encipherOnly | KeyUsage.decipherOnly, List.of()),
                Arguments.of("extended purposes in Go's order, not the order asked", List.of("client auth", "server auth", "any"),
                        0, List.of("2.5.29.37.0", "1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")),
                Arguments.of("s/mime and email protection are one purpose", List.of("s/mime", "email protection"),
                        0, List.of("1.3.6.1.5.5.7.3.4")),
                Arguments.of("the rest of the purposes", List.of("ocsp signing", "timestamping", "ipsec user", "ipsec tunnel",
                        "ipsec end system", "code signing"), 0, List.of("1.3.6.1.5.5.7.3.3", "1.3.6.1.5.5.7.3.5",
                        "1.3.6.1.5.5.7.3.6", "1.3.6.1.5.5.7.3.7", "1.3.6.1.5.5.7.3.8", "1.3.6.1.5.5.7.3.9")),
                Arguments.of("server-gated crypto", List.of("netscape sgc", "microsoft sgc"), 0,
                        List.of("1.3.6.1.4.1.311.10.3.3", "2.16.840.1.113730.4.1")),
                Arguments.of("none", List.of(), 0, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsUsagesAsKubeDoes(String name, List<String> usages, int keyUsage, List<String> extended) {
        KeyUsages mapped = KeyUsages.of(usages);

        assertThat(mapped.keyUsage()).isEqualTo(keyUsage);
        assertThat(mapped.extended()).extracting(KeyPurposeId::getId).containsExactlyElementsOf(extended);
    }

    @Test
    void namesEveryUnknownUsage() {
        assertThatThrownBy(() -> KeyUsages.of(List.of("client auth", "teleport", "Client Auth")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unrecognized usage values: [\"teleport\" \"Client Auth\"]");
    }
}
