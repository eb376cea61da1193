package io.flashsale.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The few rules of PromQL that {@link MetricNamesIT} relies on to find series names. */
class PromQlTest {

    @Test
    void functionsAggregationsGroupingLabelsAndNumbersAreNotSeries() {
        assertEquals(Set.of("flashsale_gateway_accept_latency_seconds_bucket"), PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(flashsale_gateway_accept_latency_seconds_bucket{status=\"202\"}[$__rate_interval])))"));
        assertEquals(Set.of("flashsale_inventory_drift"),
                PromQl.metricNames("max by (sale) (abs(flashsale_inventory_drift)) > 0"));
        assertEquals(Set.of("a_total", "b_total"),
                PromQl.metricNames("sum without (instance) (rate(a_total[5m] offset 1h)) / on (job) group_left b_total > 1e3"));
    }

    @Test
    void operatorsKeywordsAndBareSeriesAreRecognised() {
        assertEquals(List.of("up", "process_cpu_usage", "x:recorded"),
                List.copyOf(PromQl.metricNames("up == 1 and process_cpu_usage > bool 0.5 or x:recorded unless vector(1)")));
        assertEquals(Set.of("jvm_memory_used_bytes"), PromQl.metricNames("jvm_memory_used_bytes{area=\"heap\", id=~\"G1 {x}\"}"));
    }

    @Test
    void aGrafanaLabelValuesQueryReadsItsFirstArgumentOnly() {
        assertEquals(Set.of("flashsale_inventory_drift"), PromQl.metricNames("label_values(flashsale_inventory_drift, sale)"));
        assertEquals(Set.of("flashsale_inventory_drift"),
                PromQl.metricNames("label_values(flashsale_inventory_drift{job=\"inventory-service\"}, sale)"));
    }

    @Test
    void theLabelsOfEachSelectorAreFound() {
        assertEquals(Map.of("http_server_requests_seconds_count", Set.of("job", "status")), PromQl.matcherLabels(
                "sum(rate(http_server_requests_seconds_count{job=\"gateway-service\",status=~\"5..\"}[5m]))"));
        assertEquals(Map.of("m", Set.of("sale")), PromQl.matcherLabels("max by (sale) (m{sale=~\"$sale\"})"));
    }
}
