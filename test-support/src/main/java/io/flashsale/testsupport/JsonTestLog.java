package io.flashsale.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.awaitility.Awaitility;

/**
 * What the service logged during the tests, formatted as in production: the test profile writes every
 * record as a JSON line to {@code target/quarkus-test-log.json} (application.properties).
 */
public final class JsonTestLog {

    private static final Path FILE = Path.of("target", "quarkus-test-log.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonTestLog() {
    }

    /** The first record whose MDC holds {@code key} = {@code value} and that {@code which} accepts, once written. */
    public static JsonNode await(String key, String value, Predicate<JsonNode> which) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            found[0] = withMdc(key, value).stream().filter(which).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    /** Every record so far whose MDC holds {@code key} = {@code value}. */
    public static List<JsonNode> withMdc(String key, String value) {
        List<JsonNode> records = new ArrayList<>();
        try (Stream<String> lines = Files.exists(FILE) ? Files.lines(FILE) : Stream.empty()) {
            // Every line is one JSON object; parsing only the lines that name the value keeps this fast. A line
            // without its closing brace is still being written.
            lines.filter(line -> line.contains(value) && line.endsWith("}")).forEach(line -> {
                JsonNode record = parse(line);
                if (value.equals(record.path("mdc").path(key).asText(null))) {
                    records.add(record);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a JSON record: " + line, e);
        }
    }
}
