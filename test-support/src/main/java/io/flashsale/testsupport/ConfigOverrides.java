package io.flashsale.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile that only overrides configuration: {@code public Profile() { super("key", "value", ...); }}.
 * Each profile is an application of its own, started for the classes that name it.
 */
public abstract class ConfigOverrides implements QuarkusTestProfile {

    private final Map<String, String> overrides;

    /** Keys and values, alternating; none for an application of its own with nothing changed. */
    protected ConfigOverrides(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("configuration overrides come in key, value pairs");
        }
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (map.put(keysAndValues[i], keysAndValues[i + 1]) != null) {
                throw new IllegalArgumentException(keysAndValues[i] + " is overridden twice");
            }
        }
        this.overrides = Map.copyOf(map);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return overrides;
    }
}
