package io.kubelite.gateway.authn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;

class BearerTokenTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(value = {
            "Bearer abc|abc",
            "bearer abc|abc",
            "BEARER  abc |abc",
            "Bearer |",
            "Bearer|",
            "Basic YWxpY2U6cHc=|",
            "abc|",
    }, delimiter = '|')
    void takesTheTokenOfABearerAuthorization(String authorization, String expected) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, authorization);

        assertThat(AuthenticationFilter.bearerToken(headers).orElse(null)).isEqualTo(expected);
    }
}
