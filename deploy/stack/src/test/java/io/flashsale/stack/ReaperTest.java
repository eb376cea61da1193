package io.flashsale.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A JVM killed with SIGKILL leaves no server behind: its watchdog kills them; one that exits without
 * closing its stack neither (its shutdown hook stops them, or else the watchdog). On the containers backend
 * the server is a container's process, and the watchdog removes every container labelled with the JVM's
 * pid, so neither the process nor the container outlives it.
 */
class ReaperTest {

    @Test
    void serversDieWithTheJvmThatStartedThem() throws Exception {
        serversOutliveNo(false);
    }

    /** A JVM that exits without closing its stack, as a build whose test failed: nothing it started is left. */
    @Test
    void serversDieWithAJvmThatExitsWithoutClosingTheStack() throws Exception {
        serversOutliveNo(true);
    }

    private static void serversOutliveNo(boolean exits) throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dstack=" + EmbeddedStack.Backend.configured().name().toLowerCase(java.util.Locale.ROOT),
                OrphanProbe.class.getName(),
                Path.of("target", exits ? "reaper-test-exit" : "reaper-test").toAbsolutePath().toString(),
                exits ? "exit" : "wait")
                .redirectErrorStream(true).start();
        long redisPid = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream()))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("redis-pid ")) {
                    redisPid = Long.parseLong(line.substring("redis-pid ".length()));
                    break;
                }
            }
            assertTrue(redisPid > 0, "the probe never reported a Redis pid");
            if (exits) {
                assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the probe did not exit");
            } else {
                assertTrue(ProcessHandle.of(redisPid).map(ProcessHandle::isAlive).orElse(false));
                jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }

            long pid = redisPid;
            await("Redis dies with the JVM that started it").atMost(Duration.ofSeconds(15))
                    .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            if (EmbeddedStack.Backend.configured() == EmbeddedStack.Backend.CONTAINERS) {
                String owner = ContainerRun.OWNER_LABEL + "=" + jvm.pid();
                await("no container labelled " + owner + " is left").atMost(Duration.ofSeconds(30))
                        .until(() -> containersLabelled(owner).isEmpty());
            }
        } finally {
            jvm.destroyForcibly();
        }
    }

    /** The ids of the containers, running or not, that carry {@code label} (key=value), as docker lists them. */
    static String containersLabelled(String label) throws Exception {
        Process ps = new ProcessBuilder("docker", "ps", "-aq", "--filter", "label=" + label)
                .redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes()).trim();
        assertTrue(ps.waitFor(30, TimeUnit.SECONDS) && ps.exitValue() == 0, "docker ps failed: " + out);
        return out;
    }
}
