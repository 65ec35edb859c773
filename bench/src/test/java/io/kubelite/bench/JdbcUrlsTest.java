package io.kubelite.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcUrlsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "jdbc:postgresql://127.0.0.1:35432/kubelite, jdbc:postgresql://127.0.0.1:35432/kubelite_bench, 127.0.0.1",
            "jdbc:postgresql://localhost/kubelite?sslmode=disable, jdbc:postgresql://localhost/kubelite_bench?sslmode=disable, localhost",
            "jdbc:postgresql://[::1]:5432/kubelite, jdbc:postgresql://[::1]:5432/kubelite_bench, [::1]"})
    void sameServerOtherDatabase(String url, String scratch, String host) {
        assertThat(JdbcUrls.withDatabase(url, "kubelite_bench")).isEqualTo(scratch);
        assertThat(JdbcUrls.host(url)).isEqualTo(host);
    }

    @Test
    void rejectsWhatIsNotAPostgresUrl() {
        assertThatThrownBy(() -> JdbcUrls.host("jdbc:mysql://127.0.0.1/x"))
                .hasMessageContaining("--jdbc must look like jdbc:postgresql://HOST:PORT/DATABASE, was jdbc:mysql");
    }
}
