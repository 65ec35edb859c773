package io.kubelite.objectstore.health;

import io.kubelite.machinery.table.TableBuilder;
import io.kubelite.machinery.table.TablePrinters;
import io.kubelite.objectstore.errors.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/componentstatuses}, which kube-apiserver still serves (deprecated since 1.19, with
 * its warning) and older guides still use ({@code kubectl get cs}): {@code scheduler} and
 * {@code controller-manager} are probed at their health URLs ({@link ComponentStatusProperties}),
 * {@code etcd-0} is the store (PostgreSQL) answering a query. Each is Healthy with message
 * {@code ok}, or Unhealthy with the error that says why. Read only: get and list.
 */
@RestController
@EnableConfigurationProperties(ComponentStatusProperties.class)
class ComponentStatusEndpoint {

    static final String WARNING = "299 - \"v1 ComponentStatus is deprecated in v1.19+\"";

    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Supplier<String>> checks = new LinkedHashMap<>();

    ComponentStatusEndpoint(JsonMapper json, Clock clock, JdbcTemplate jdbc, ComponentStatusProperties properties,
                            HealthProbe probe) {
        this.json = json;
        this.clock = clock;
        checks.put("scheduler", () -> probe.problem(properties.scheduler()));
        checks.put("controller-manager", () -> probe.problem(properties.controllerManager()));
        checks.put("etcd-0", () -> {
            try {
                jdbc.queryForObject("SELECT 1", Integer.class);
                return null;
            } catch (RuntimeException e) {
                return "the store (PostgreSQL) does not answer: " + e.getMessage();
            }
        });
    }

    private ObjectNode status(String name, String error) {
        ObjectNode cs = json.createObjectNode();
        cs.put("kind", "ComponentStatus");
        cs.put("apiVersion", "v1");
        cs.putObject("metadata").put("name", name);
        ObjectNode condition = cs.putArray("conditions").addObject();
        condition.put("type", "Healthy");
        condition.put("status", error == null ? "True" : "False");
        if (error == null) {
            condition.put("message", "ok");
        } else {
            condition.put("error", error);
        }
        return cs;
    }

    @GetMapping("/api/v1/componentstatuses")
    ResponseEntity<JsonNode> list(@RequestHeader(value = "Accept", required = false) String accept,
            @RequestParam(required = false) String includeObject) {
        List<JsonNode> items = new ArrayList<>();
        checks.forEach((name, check) -> items.add(status(name, check.get())));
        if (accept != null && accept.contains("as=Table")) {
            return answer(table(items, includeObject));
        }
        ObjectNode list = json.createObjectNode();
        list.put("kind", "ComponentStatusList");
        list.put("apiVersion", "v1");
        list.putObject("metadata");
        list.putArray("items").addAll(items);
        return answer(list);
    }

    @GetMapping("/api/v1/componentstatuses/{name}")
    ResponseEntity<JsonNode> get(@PathVariable String name, @RequestHeader(value = "Accept", required = false) String accept,
            @RequestParam(required = false) String includeObject) {
        Supplier<String> check = checks.get(name);
        if (check == null) {
            throw ApiException.notFound("", "componentstatuses", name);
        }
        ObjectNode cs = status(name, check.get());
        return answer(accept != null && accept.contains("as=Table") ? table(List.of(cs), includeObject) : cs);
    }

    private ObjectNode table(List<JsonNode> items, String includeObject) {
        return TableBuilder.build(items, TablePrinters.forResource("", "componentstatuses"), "", "", clock.instant(),
                TableBuilder.IncludeObject.of(includeObject));
    }

    private static ResponseEntity<JsonNode> answer(JsonNode body) {
        return ResponseEntity.ok().header("Warning", WARNING).header("Content-Type", "application/json").body(body);
    }
}
