package io.flashsale.systemtests;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series names a PromQL expression (or a Grafana {@code label_values} query) reads, and the label
 * names its selectors match on: enough PromQL to check a dashboard and alert rules against what the
 * services export, not a parser.
 */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** An identifier that does not continue a number, a duration or a Grafana variable. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.$])[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SELECTOR = Pattern.compile("(?<![\\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{[^}]*})");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\(\\s*(.*?)\\s*,\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");

    private PromQl() {
    }

    /** The series names the expression reads, in order of appearance. */
    static Set<String> metricNames(String expr) {
        Matcher labelValues = LABEL_VALUES.matcher(expr);
        String query = labelValues.matches() ? labelValues.group(1) : expr;
        String bare = strip(query);
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String rest = bare.substring(m.end()).stripLeading();
            if (!KEYWORDS.contains(m.group()) && !rest.startsWith("(")) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** For each series name with a selector, the label names its matchers use. */
    static Map<String, Set<String>> matcherLabels(String expr) {
        // Strings hold no selector, but may hold braces: blank them, keeping the quotes for the matchers.
        String noStrings = STRING.matcher(expr).replaceAll("\"\"");
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        Matcher m = SELECTOR.matcher(noStrings);
        while (m.find()) {
            Matcher label = MATCHER_LABEL.matcher(m.group(2));
            while (label.find()) {
                labels.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>()).add(label.group(1));
            }
        }
        return labels;
    }

    /** The expression without strings, label matchers, ranges and grouping clauses. */
    private static String strip(String expr) {
        String s = STRING.matcher(expr).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGE.matcher(s).replaceAll(" ");
        return GROUPING.matcher(s).replaceAll(" ");
    }
}
