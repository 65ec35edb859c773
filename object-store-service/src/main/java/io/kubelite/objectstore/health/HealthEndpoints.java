package io.kubelite.objectstore.health;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Kubernetes' health paths: {@code /livez} (the process), {@code /readyz} and {@code /healthz} (the database too). */
@RestController
class HealthEndpoints {

    private final JdbcTemplate jdbc;

    HealthEndpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping(value = "/livez", produces = "text/plain")
    String livez() {
        return "ok";
    }

    @GetMapping(value = {"/readyz", "/healthz"}, produces = "text/plain")
    ResponseEntity<String> readyz() {
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
            return ResponseEntity.ok("ok");
        } catch (RuntimeException e) {
            return ResponseEntity.status(503).body("database unreachable: " + e.getMessage());
        }
    }
}
