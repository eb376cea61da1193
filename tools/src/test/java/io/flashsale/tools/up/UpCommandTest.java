package io.flashsale.tools.up;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.tools.Args;

/** How {@code up --detach} prepares its data directory and its child's arguments. */
class UpCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void freshEmptiesTheDataDirectoryAndTheChildIsNotToldToEmptyItAgain() throws IOException {
        Path stale = Files.createDirectories(dataDir.resolve("postgres")).resolve("PG_VERSION");
        Files.writeString(stale, "17");
        Args args = args("--detach", "--fresh", "--no-demo", "--gateway-port", "18080");

        Path log = UpCommand.detachedLog(args, dataDir);

        assertFalse(Files.exists(stale));
        assertEquals(dataDir.resolve("flashsale.log"), log);
        assertEquals(List.of("--gateway-port", "18080", "--no-demo"), UpCommand.childArgs(args));
    }

    @Test
    void withoutFreshTheDataIsKept() throws IOException {
        Path kept = Files.writeString(dataDir.resolve("kept"), "data");

        UpCommand.detachedLog(args("--detach"), dataDir);

        assertTrue(Files.exists(kept));
        assertEquals(List.of(), UpCommand.childArgs(args("--detach")));
    }

    private static Args args(String... words) {
        return new Args(List.of(words), UpCommand.OPTIONS, UpCommand.FLAGS);
    }
}
