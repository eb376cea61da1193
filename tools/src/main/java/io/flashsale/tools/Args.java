package io.flashsale.tools;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag}s, refusing anything a command does not know. */
public final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    public Args(List<String> args, Set<String> knownOptions, Set<String> knownFlags) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.startsWith("--") ? arg.substring(2) : null;
            if (name != null && name.contains("=")) {
                values.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
            } else if (name != null && knownFlags.contains(name)) {
                flags.add(name);
            } else if (name != null && knownOptions.contains(name) && i + 1 < args.size()) {
                values.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("unknown or incomplete argument: " + arg);
            }
        }
        for (String name : values.keySet()) {
            if (!knownOptions.contains(name)) {
                throw new IllegalArgumentException("unknown option: --" + name);
            }
        }
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + value + "'");
        }
    }

    /** An option that must be a whole number of at least 1. */
    public int positive(String name, int fallback) {
        int value = integer(name, fallback);
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1, not " + value);
        }
        return value;
    }
}
