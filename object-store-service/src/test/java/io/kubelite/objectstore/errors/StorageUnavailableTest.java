package io.kubelite.objectstore.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** A database outage is answered 503 with Retry-After and the database's reason, not as a 500 bug. */
class StorageUnavailableTest {

    static Stream<Arguments> outages() {
        return Stream.of(
                Arguments.of("a statement on a connection the server closed", new DataAccessResourceFailureException(
                        "PreparedStatementCallback", new SQLException("FATAL: terminating connection due to administrator command\nmore")),
                        "FATAL: terminating connection due to administrator command"),
                Arguments.of("no connection to be had", new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLException("Connection to 127.0.0.1:15432 refused.")), "Connection to 127.0.0.1:15432 refused."),
                Arguments.of("no transaction to be begun", new CannotCreateTransactionException("Could not open JPA EntityManager",
                        new SQLException("HikariPool-1 - Connection is not available, request timed out after 30000ms.")),
                        "HikariPool-1 - Connection is not available, request timed out after 30000ms."),
                Arguments.of("an I/O error", new RecoverableDataAccessException("An I/O error occurred while sending to the backend."),
                        "An I/O error occurred while sending to the backend."),
                Arguments.of("a cause without a message", new DataAccessResourceFailureException("x", new java.io.EOFException()),
                        "java.io.EOFException"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void isAServiceUnavailableStatusThatNamesTheDatabasesReason(String name, Exception outage, String reason) {
        var response = new ApiExceptionHandler().storageUnavailable(outage);
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(response.getBody().path("reason").asString()).isEqualTo("ServiceUnavailable");
        assertThat(response.getBody().path("code").asInt()).isEqualTo(503);
        assertThat(response.getBody().path("message").asString())
                .isEqualTo("storage is unavailable (" + reason + "); retry in a moment");
    }
}
