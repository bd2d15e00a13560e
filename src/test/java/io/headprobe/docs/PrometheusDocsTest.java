package io.headprobe.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.testing.Promtool;

/** docs/prometheus: the scrape config, the alerts (with their unit tests) and the dashboard's queries are valid. */
class PrometheusDocsTest {

    private static final Path DOCS = Path.of("docs/prometheus");

    @Test
    void scrapeConfig() {
        assertPasses(Promtool.run(null, "check", "config", DOCS.resolve("prometheus.yml").toString()));
    }

    @Test
    void alertRules() {
        assertPasses(Promtool.run(null, "check", "rules", DOCS.resolve("alerts.yml").toString()));
    }

    @Test
    void alertsFireWhenTheyShould() {
        assertPasses(Promtool.run(null, "test", "rules", DOCS.resolve("alerts.test.yml").toString()));
    }

    /** Every panel query, with the dashboard's variables filled in, as a recording rule promtool parses. */
    @Test
    void dashboardQueriesParse(@TempDir Path temp) throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DOCS.resolve("grafana-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asText())));
        assertFalse(expressions.isEmpty());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            String expression = expressions.get(i).replace("$job", ".*").replace("$instance", ".*");
            assertTrue(expression.matches(".*(probe_|headprobe_).*"), expression);
            rules.append("      - record: dashboard:query").append(i).append("\n        expr: '")
                    .append(expression.replace("'", "''")).append("'\n");
        }
        Path file = temp.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        assertPasses(Promtool.run(null, "check", "rules", file.toString()));
    }

    private static void assertPasses(Promtool.Result result) {
        assertEquals(0, result.exitCode(), result.output());
    }
}
