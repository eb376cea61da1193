package io.flashsale.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * One pipeline for every end-to-end test class of this JVM: started by the first that asks,
 * stopped when the JVM exits. Each test works on a sale of its own.
 */
final class SharedPipeline {

    private static Pipeline pipeline;

    private SharedPipeline() {
    }

    static synchronized Pipeline get() {
        if (pipeline == null) {
            Path home = Path.of(System.getProperty("flashsale.home", "../..")).toAbsolutePath().normalize();
            pipeline = Pipeline.start(PipelineOptions.ephemeral(home, Path.of("target", "pipeline-test"))
                    .withEnvironment(Map.of(
                            // Reconcile often and re-publish soon, so that a test waits seconds, not minutes.
                            "FLASHSALE_RECONCILIATION_INTERVAL", "1s",
                            "FLASHSALE_RECONCILIATION_REPUBLISH_GRACE", "5s",
                            // Longer than the gateway's ack timeout + max block + delivery timeout (15 s).
                            "FLASHSALE_RECONCILIATION_PUBLISH_SETTLE", "16s")));
            Pipeline started = pipeline;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "pipeline-test-shutdown"));
        }
        return pipeline;
    }

    static PipelineClient client() {
        return get().client();
    }

    /** The services' APIs as the tools (admin, ops, support). */
    static Api tools() {
        return new Api(get().tokens()::tools);
    }

    /** The gateway's API as the buyer {@code buyerId}. */
    static Api buyer(String buyerId) {
        return new Api().as(get().tokens().buyer(buyerId));
    }
}
