package io.kubelite.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void defaultsAreTheIssuesRatesAndTwentySecondPhases() {
        BenchOptions o = BenchOptions.parse("--kubeconfig", "kc", "--jdbc", "jdbc:postgresql://127.0.0.1:1/k");
        assertThat(o.kubeconfig()).isEqualTo(Path.of("kc"));
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.cpuPids()).isEmpty();
        assertThat(o.rates()).containsExactly(100, 250, 500);
        assertThat(o.concurrency()).isEqualTo(8);
        assertThat(o.maxInFlight()).isEqualTo(64);
        assertThat(o.objectStore()).isNull();
        assertThat(o.namespace()).isEqualTo("bench");
    }

    @Test
    void readsEveryOption() {
        BenchOptions o = BenchOptions.parse("--kubeconfig", "kc", "--jdbc", "j", "--duration", "3", "--rates", "50, 700",
                "--concurrency", "4", "--object-store", "http://127.0.0.1:38081", "--max-in-flight", "16",
                "--cpu", "gateway=12,controllers=34+56", "--front-proxy-token-file", ".kubelite/tokens/front-proxy");
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.rates()).isEqualTo(List.of(50, 700));
        assertThat(o.concurrency()).isEqualTo(4);
        assertThat(o.maxInFlight()).isEqualTo(16);
        assertThat(o.objectStore()).hasToString("http://127.0.0.1:38081");
        assertThat(o.frontProxyTokenFile()).hasToString(".kubelite/tokens/front-proxy");
        assertThat(o.cpuPids()).containsExactly(Map.entry("gateway", List.of(12L)),
                Map.entry("controllers", List.of(34L, 56L)));
    }

    @Test
    void errorsNameTheOptionAndTheValue() {
        assertThatThrownBy(() -> BenchOptions.parse("--kubeconfig", "kc"))
                .hasMessageStartingWith("--jdbc is required");
        assertThatThrownBy(() -> BenchOptions.parse("--kubeconfig", "kc", "--jdbc", "j", "--rates", "100,fast"))
                .hasMessage("--rates must be a positive whole number, was 'fast'");
        assertThatThrownBy(() -> BenchOptions.parse("--kubeconfig", "kc", "--jdbc", "j", "--duraton", "5"))
                .hasMessageStartingWith("unknown option --duraton");
    }
}
