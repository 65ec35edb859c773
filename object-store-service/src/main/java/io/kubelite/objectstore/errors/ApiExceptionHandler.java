package io.kubelite.objectstore.errors;

import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.JsonNode;

import java.util.List;

/** Every failure leaves as a Kubernetes {@code Status}; anything unexpected is a 500 that names the bug. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<JsonNode> api(ApiException e) {
        return respond(e);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<JsonNode> noResource(NoResourceFoundException e) {
        return respond(ApiException.noSuchResource());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<JsonNode> method(HttpRequestMethodNotSupportedException e) {
        return respond(ApiException.methodNotAllowed("the server does not allow this method on the requested resource"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<JsonNode> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(ApiException.unsupportedMediaType(String.valueOf(e.getContentType())));
    }

    /** The client left mid-answer (a watch or a log it stopped following): no one to answer, nothing broken. */
    @ExceptionHandler({AsyncRequestNotUsableException.class, ClientAbortException.class})
    public void clientGone(Exception e) {
        log.debug("client went away: {}", e.toString());
    }

    /**
     * PostgreSQL is down or restarting, or dropped the connection: not a bug but an outage, so a
     * 503 with {@code Retry-After}, which client-go and fabric8 retry, and one log line. Example:
     * {@code storage is unavailable (FATAL: terminating connection due to administrator command);
     * retry in a moment}.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            RecoverableDataAccessException.class, CannotCreateTransactionException.class})
    public ResponseEntity<JsonNode> storageUnavailable(Exception e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        String reason = cause.getMessage() == null ? cause.toString()
                : cause.getMessage().lines().findFirst().orElse(cause.toString());
        log.warn("storage unavailable: {}", reason);
        ApiException unavailable = new ApiException(503, "ServiceUnavailable", "storage is unavailable (" + reason
                + "); retry in a moment", null, null, null, List.of());
        return ResponseEntity.status(503).header("Retry-After", "1").contentType(MediaType.APPLICATION_JSON)
                .body(StatusBodies.of(unavailable));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<JsonNode> unexpected(Exception e) {
        log.error("internal error while serving a request", e);
        return respond(new ApiException(500, "InternalError", "Internal error occurred: " + e, null, null, null,
                List.of()));
    }

    private static ResponseEntity<JsonNode> respond(ApiException e) {
        return ResponseEntity.status(e.code()).contentType(MediaType.APPLICATION_JSON).body(StatusBodies.of(e));
    }
}
