package io.kubelite.replication.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.Map;

class CertificatePropertiesTest {

    static CertificateProperties fromEnvironment(Map<String, Object> variables) {
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
        return binder.bindOrCreate("kubelite.certificates", Bindable.of(CertificateProperties.class));
    }

    @Test
    void defaultsAreKubeControllerManagersAndLeaveTheSignerOff() {
        CertificateProperties props = fromEnvironment(Map.of());

        assertThat(props.clusterSigningCertFile()).isEmpty();
        assertThat(props.clusterSigningKeyFile()).isEmpty();
        assertThat(props.clusterSigningDuration()).isEqualTo(Duration.ofDays(365));
        assertThat(props.cleanerPeriod()).isEqualTo(Duration.ofHours(1));
        assertThat(SigningCa.configured(props)).isEmpty();
    }

    @Test
    void theDocumentedEnvironmentVariablesSetEveryKnob() {
        CertificateProperties props = fromEnvironment(Map.of(
                "KUBELITE_CERTIFICATES_CLUSTERSIGNINGCERTFILE", "/etc/kubelite/ca.crt",
                "KUBELITE_CERTIFICATES_CLUSTERSIGNINGKEYFILE", "/etc/kubelite/ca.key",
                "KUBELITE_CERTIFICATES_CLUSTERSIGNINGDURATION", "720h",
                "KUBELITE_CERTIFICATES_CLEANERPERIOD", "10m"));

        assertThat(props.clusterSigningCertFile()).isEqualTo("/etc/kubelite/ca.crt");
        assertThat(props.clusterSigningKeyFile()).isEqualTo("/etc/kubelite/ca.key");
        assertThat(props.clusterSigningDuration()).isEqualTo(Duration.ofHours(720));
        assertThat(props.cleanerPeriod()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aDurationThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new CertificateProperties("", "", Duration.ZERO, Duration.ofHours(1)))
                .hasMessage("kubelite.certificates.cluster-signing-duration must be positive, was PT0S");
        assertThatThrownBy(() -> new CertificateProperties("", "", Duration.ofHours(1), Duration.ofSeconds(-1)))
                .hasMessage("kubelite.certificates.cleaner-period must be positive, was PT-1S");
    }
}
