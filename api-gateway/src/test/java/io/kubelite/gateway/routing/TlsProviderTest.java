package io.kubelite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;

/** The gateway terminates TLS through BoringSSL (netty-tcnative), which Netty prefers once it loads. */
class TlsProviderTest {

    @Test
    void boringSslLoadsAndIsTheServersDefaultProvider() {
        OpenSsl.ensureAvailability();
        assertThat(OpenSsl.versionString()).contains("BoringSSL");
        assertThat(SslContext.defaultServerProvider()).isEqualTo(SslProvider.OPENSSL);
    }
}
