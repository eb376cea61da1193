package io.flashsale.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which failed container start is tried once more: only the starter script's exec race (exit 126). */
class ContainerStartTest {

    @Test
    void exitCode126AnywhereInTheCausesIsTheExecRace() {
        RuntimeException launch = new RuntimeException("Container startup failed",
                new IllegalStateException("Wait strategy failed. Container exited with code 126"));
        assertTrue(ContainerRun.execRace(launch));
    }

    @Test
    void anyOtherFailureIsNot() {
        assertFalse(ContainerRun.execRace(new RuntimeException("Container startup failed",
                new IllegalStateException("Wait strategy failed. Container exited with code 1"))));
        assertFalse(ContainerRun.execRace(new RuntimeException("Timed out waiting for log output")));
    }
}
