package io.flashsale.tools.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The pipeline a command drives: the one a live {@code ./flashsale up} runs (found by its state file in the
 * data directory), else one of the command's own on free ports, which {@link #close()} stops; or services
 * somewhere else, known only by their URLs.
 */
public final class PipelineTarget implements AutoCloseable {

    private final PipelineClient client;
    private final int redisPort;
    private final Pipeline own;

    private PipelineTarget(PipelineClient client, int redisPort, Pipeline own) {
        this.client = client;
        this.redisPort = redisPort;
        this.own = own;
    }

    /** Services the command did not start and whose Redis it does not know. */
    public static PipelineTarget external(PipelineClient client) {
        return new PipelineTarget(client, -1, null);
    }

    /**
     * The stack {@code ./flashsale up} runs with its data in {@code dataDir}, if it is alive; else a stack of
     * the command's own ({@code what} names the command in its directory and in what is printed).
     */
    public static PipelineTarget runningOrOwn(Path home, Path dataDir, String what, PrintStream out)
            throws IOException {
        Optional<Properties> state = StateFile.live(StateFile.of(dataDir));
        if (state.isPresent()) {
            return new PipelineTarget(PipelineClient.of(state.get()),
                    Integer.parseInt(state.get().getProperty("redis.port", "-1")), null);
        }
        Path dir = Files.createTempDirectory("flashsale-" + what + "-");
        out.println("no running flashsale; starting one on free ports in " + dir + " for this " + what + "...");
        Pipeline pipeline = Pipeline.start(PipelineOptions.ephemeral(home, dir));
        return new PipelineTarget(pipeline.client(), pipeline.stack().redis().port(), pipeline);
    }

    public PipelineClient client() {
        return client;
    }

    /** The port of the pipeline's Redis on this machine, or -1 when it is not known. */
    public int redisPort() {
        return redisPort;
    }

    /** Stops the pipeline if the command started it; leaves anyone else's running. */
    @Override
    public void close() {
        if (own != null) {
            own.close();
        }
    }
}
