package io.flashsale.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The Secrets the tests accept as "provided by the operator" are the ones README.md tells the operator to create. */
class OperatorSecretsDocumentedTest {

    private static final Pattern TABLE_ROW_NAME = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\|");

    @Test
    void theReadmeListsExactlyTheSecretsTheOperatorProvides() throws Exception {
        String readme = Files.readString(OverlayContract.k8sDir().resolve("README.md"));
        int start = readme.indexOf("\n## Secrets");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> documented = new TreeSet<>();
        Matcher row = TABLE_ROW_NAME.matcher(section);
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertEquals(new TreeSet<>(OverlayContract.PROVIDED_BY_OPERATOR_SECRETS), documented);
    }
}
