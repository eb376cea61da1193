package io.flashsale.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.flashsale.tools.Api;
import io.flashsale.tools.pipeline.Pipeline;
import io.flashsale.tools.pipeline.ServiceServer;

/**
 * Every series the Grafana dashboard (deploy/grafana) and the alert rules (the prod overlay's
 * PrometheusRule) read is one the packaged services export, with the labels they match on; and after
 * a small sale, the figures the panels show are the right ones.
 */
class MetricNamesIT {

    /** Labels Prometheus adds to every scraped series: no service exports them. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    private static Pipeline pipeline;
    private static final Api API = SharedPipeline.tools();
    private static String saleId;
    private static Map<String, List<Map<String, String>>> exported;

    @BeforeAll
    static void sellOutASmallSale() throws Exception {
        pipeline = SharedPipeline.get();
        saleId = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> sale = new LinkedHashMap<>();
        sale.put("id", saleId);
        sale.put("name", "metric names");
        sale.put("totalStock", 2);
        sale.put("perUserLimit", 1);
        sale.put("startsAt", Instant.now().minusSeconds(5).toString());
        sale.put("endsAt", Instant.now().plus(Duration.ofHours(1)).toString());
        assertEquals(201, API.post(pipeline.inventory().url() + "/api/admin/sales", sale).status());
        // Two accepted, then sold out.
        for (String user : List.of("m-1", "m-2", "m-3")) {
            SharedPipeline.buyer(user).post(pipeline.gateway().url() + "/api/sales/" + saleId + "/orders", "{\"quantity\":1}");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                API.get(pipeline.orders().url() + "/api/orders?saleId=" + saleId).json().size() == 2);
        Api.Answer run = API.post(pipeline.inventory().url() + "/api/reconciliation/run?saleId=" + saleId, null);
        assertEquals(200, run.status(), run.body());
        // The consumer group's lag is read every 10 s: wait until it has seen the commit of those orders.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> value(scrape(pipeline.orders().managementUrl()), "flashsale_consumer_lag_records", Map.of()) == 0.0);
        exported = new HashMap<>();
        for (ServiceServer service : List.of(pipeline.gateway(), pipeline.orders(), pipeline.inventory())) {
            scrape(service.managementUrl()).forEach((name, samples) -> exported.computeIfAbsent(name, n -> new ArrayList<>()).addAll(samples));
        }
    }

    @Test
    void everySeriesTheDashboardReadsIsExported() throws IOException {
        JsonNode dashboard = Api.JSON.readTree(Repository.root().resolve("deploy/grafana/flashsale-pipeline.json").toFile());
        Map<String, String> exprs = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.put("panel '" + panel.get("title").asText() + "' " + target.get("refId").asText(),
                        target.get("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            if (variable.get("type").asText().equals("query")) {
                exprs.put("variable " + variable.get("name").asText(), variable.get("definition").asText());
            }
        }
        assertTrue(exprs.size() > 30, "the dashboard's queries were found: " + exprs.size());
        assertExported(exprs);
    }

    @Test
    void everySeriesTheAlertRulesReadIsExported() throws IOException {
        JsonNode rule = new YAMLMapper().readTree(Repository.root().resolve("deploy/k8s/overlays/prod/prometheus-rule.yaml").toFile());
        Map<String, String> exprs = new LinkedHashMap<>();
        for (JsonNode group : rule.get("spec").get("groups")) {
            for (JsonNode alert : group.get("rules")) {
                exprs.put("alert " + alert.get("alert").asText(), alert.get("expr").asText());
            }
        }
        assertEquals(5, exprs.size(), exprs::toString);
        assertExported(exprs);
    }

    @Test
    void afterTheSaleThePanelsShowItsFigures() throws Exception {
        Map<String, String> sale = Map.of("sale", saleId);
        Map<String, List<Map<String, String>>> inventory = scrape(pipeline.inventory().managementUrl());
        assertEquals(0.0, value(inventory, "flashsale_inventory_drift", sale));
        assertEquals(0.0, value(inventory, "flashsale_inventory_available", sale));
        assertEquals(0.0, value(inventory, "flashsale_inventory_pending", sale));
        assertEquals(2.0, value(inventory, "flashsale_inventory_persisted", sale));
        assertEquals(0.0, value(inventory, "flashsale_inventory_recovering", sale));
        assertTrue(value(inventory, "flashsale_reconciliation_runs_total", Map.of("result", "ok")) >= 1);

        Map<String, List<Map<String, String>>> gateway = scrape(pipeline.gateway().managementUrl());
        assertTrue(value(gateway, "flashsale_gateway_orders_total", Map.of("outcome", "accepted")) >= 2);
        assertTrue(value(gateway, "flashsale_gateway_accept_latency_seconds_count", Map.of("status", "202")) >= 2);
        assertEquals(value(gateway, "flashsale_gateway_accept_latency_seconds_count", Map.of("status", "202")),
                value(gateway, "flashsale_gateway_accept_latency_seconds_bucket", Map.of("status", "202", "le", "+Inf")));
        assertEquals(0.0, value(gateway, "flashsale_gateway_kafka_breaker_open", Map.of()));

        Map<String, List<Map<String, String>>> orders = scrape(pipeline.orders().managementUrl());
        assertTrue(value(orders, "flashsale_orders_persisted_total", Map.of()) >= 2);
        // The lag is read from the broker every flashsale.kafka.lag-interval, and offsets are committed about
        // every second: it reaches 0 a little after the orders are persisted.
        await("the consumer lag reaches 0").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> value(scrape(pipeline.orders().managementUrl()), "flashsale_consumer_lag_records",
                        Map.of("group", "order-service")) == 0.0);
    }

    /** Each name exported, and each label its selectors match on carried by some sample of it. */
    private static void assertExported(Map<String, String> exprs) {
        List<String> missing = new ArrayList<>();
        exprs.forEach((where, expr) -> {
            Set<String> names = PromQl.metricNames(expr);
            if (names.isEmpty()) {
                missing.add(where + " reads no series: " + expr);
            }
            for (String name : names) {
                if (!exported.containsKey(name)) {
                    missing.add(where + ": " + name + " is not exported");
                }
            }
            PromQl.matcherLabels(expr).forEach((name, labels) -> {
                Set<String> carried = new HashSet<>(TARGET_LABELS);
                exported.getOrDefault(name, List.of()).forEach(sample -> carried.addAll(sample.keySet()));
                labels.stream().filter(l -> !carried.contains(l))
                        .forEach(l -> missing.add(where + ": " + name + " has no label " + l));
            });
        });
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    /** A service's /q/metrics: every sample's labels, by series name. */
    private static Map<String, List<Map<String, String>>> scrape(String url) throws IOException, InterruptedException {
        Api.Answer answer = new Api().get(url + "/q/metrics");
        assertEquals(200, answer.status());
        Map<String, List<Map<String, String>>> samples = new HashMap<>();
        for (String line : answer.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                for (String pair : line.substring(brace + 1, line.lastIndexOf('}')).split("\",")) {
                    int eq = pair.indexOf('=');
                    labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 2).replaceAll("\"$", ""));
                }
            }
            labels.put("__value__", line.substring(space + 1));
            samples.computeIfAbsent(name, n -> new ArrayList<>()).add(labels);
        }
        return samples;
    }

    /** The value of the one sample of {@code name} whose labels include {@code match}. */
    private static double value(Map<String, List<Map<String, String>>> samples, String name, Map<String, String> match) {
        List<Map<String, String>> found = samples.getOrDefault(name, List.of()).stream()
                .filter(s -> s.entrySet().containsAll(match.entrySet())).toList();
        assertEquals(1, found.size(), name + match + " in " + samples.get(name));
        return Double.parseDouble(found.get(0).get("__value__"));
    }
}
