package io.kubelite.dns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamTest {

    @Test
    void readsTheNameserversOfAResolvConf() {
        assertThat(Upstream.nameservers("""
                # generated
                search example.internal
                nameserver 10.0.0.2
                nameserver   10.0.0.3
                options ndots:1
                """)).containsExactly("10.0.0.2", "10.0.0.3");
    }

    @Test
    void noneMeansNoUpstreamAndTheServersOwnAddressIsNeverItsUpstream() throws Exception {
        assertThat(Upstream.from("none", Path.of("/nonexistent"), List.of())).isNull();
        assertThat(Upstream.from("10.96.0.10", Path.of("/nonexistent"), List.of("10.96.0.10"))).isNull();
        assertThat(Upstream.from("", Path.of("/nonexistent"), List.of())).isNull();
        assertThat(Upstream.from("10.0.0.2, 10.0.0.3", Path.of("/nonexistent"), List.of())).isNotNull();
    }

    @Test
    void aSettingThatIsNotAnAddressIsRefusedNamingIt() {
        assertThatThrownBy(() -> Upstream.from("300.1.1.1", Path.of("/nonexistent"), List.of()))
                .hasMessageContaining("kubelite.dns.upstream: not an address: 300.1.1.1");
    }
}
