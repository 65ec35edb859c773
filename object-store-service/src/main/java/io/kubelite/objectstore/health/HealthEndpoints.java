package io.kubelite.objectstore.health;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Kubernetes' health paths as kube-apiserver answers them ({@link HealthChecks}): {@code /livez}
 * (ping, log, the store), {@code /readyz} (those and shutdown) and {@code /healthz} (as livez).
 * The store's check is named {@code etcd}, kube's name for the storage backend, so probes written
 * for kube-apiserver ({@code /livez/etcd}) work; here it is a {@code SELECT 1} on PostgreSQL.
 */
@RestController
class HealthEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoints.class);

    private final HealthChecks livez;
    private final HealthChecks readyz;
    private final HealthChecks healthz;
    private volatile boolean shuttingDown;

    HealthEndpoints(JdbcTemplate jdbc) {
        HealthChecks.Check ping = new HealthChecks.Check("ping", () -> null);
        HealthChecks.Check log = new HealthChecks.Check("log", () -> null);
        HealthChecks.Check store = new HealthChecks.Check("etcd", () -> {
            try {
                jdbc.queryForObject("SELECT 1", Integer.class);
                return null;
            } catch (RuntimeException e) {
                LOG.atWarn().log("Health check etcd (the PostgreSQL store) failed: " + e.getMessage());
                return e.getMessage();
            }
        });
        HealthChecks.Check shutdown = new HealthChecks.Check("shutdown",
                () -> shuttingDown ? "the server is shutting down" : null);
        this.livez = new HealthChecks("livez", List.of(ping, log, store));
        this.readyz = new HealthChecks("readyz", List.of(ping, log, store, shutdown));
        this.healthz = new HealthChecks("healthz", List.of(ping, log, store));
    }

    @jakarta.annotation.PreDestroy
    void shuttingDown() {
        shuttingDown = true;
    }

    @GetMapping("/livez")
    ResponseEntity<String> livez(@RequestParam(required = false) String verbose,
            @RequestParam(required = false) String[] exclude) {
        return answer(livez.all(verbose != null, excluded(exclude)));
    }

    @GetMapping("/readyz")
    ResponseEntity<String> readyz(@RequestParam(required = false) String verbose,
            @RequestParam(required = false) String[] exclude) {
        return answer(readyz.all(verbose != null, excluded(exclude)));
    }

    @GetMapping("/healthz")
    ResponseEntity<String> healthz(@RequestParam(required = false) String verbose,
            @RequestParam(required = false) String[] exclude) {
        return answer(healthz.all(verbose != null, excluded(exclude)));
    }

    @GetMapping("/{endpoint:livez|readyz|healthz}/{check}")
    ResponseEntity<String> one(@PathVariable String endpoint, @PathVariable String check) {
        HealthChecks checks = switch (endpoint) {
            case "livez" -> livez;
            case "readyz" -> readyz;
            default -> healthz;
        };
        return answer(checks.one(check));
    }

    private static List<String> excluded(String[] exclude) {
        return exclude == null ? List.of() : Arrays.stream(exclude).flatMap(e -> Arrays.stream(e.split(",")))
                .filter(e -> !e.isBlank()).toList();
    }

    private static ResponseEntity<String> answer(HealthChecks.Answer answer) {
        return ResponseEntity.status(answer.status()).contentType(MediaType.TEXT_PLAIN).body(answer.body());
    }
}
