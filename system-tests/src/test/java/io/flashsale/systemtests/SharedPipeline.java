package io.flashsale.systemtests;

import java.util.LinkedHashMap;
import java.util.Map;

import io.flashsale.tools.Api;
import io.flashsale.tools.bench.Bench;
import io.flashsale.tools.pipeline.Pipeline;
import io.flashsale.tools.pipeline.PipelineClient;
import io.flashsale.tools.pipeline.PipelineOptions;

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
            pipeline = Pipeline.start(PipelineOptions.ephemeral(Repository.root(),
                    Repository.target().resolve("pipeline-test"))
                    .withEnvironment(environment()));
            Pipeline started = pipeline;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "pipeline-test-shutdown"));
        }
        return pipeline;
    }

    /**
     * The bench's environment (BenchIT runs the bench on this pipeline; no end-to-end test meets a buyer's
     * rate limit, which the gateway's own tests cover), and reconciliation sped up.
     */
    static Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(Bench.ENVIRONMENT);
        environment.putAll(Map.of(
                // Reconcile often and re-publish soon, so that a test waits seconds, not minutes.
                "FLASHSALE_RECONCILIATION_INTERVAL", "1s",
                "FLASHSALE_RECONCILIATION_REPUBLISH_GRACE", "5s",
                // Longer than the gateway's ack timeout + max block + delivery timeout (15 s).
                "FLASHSALE_RECONCILIATION_PUBLISH_SETTLE", "16s"));
        return environment;
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
