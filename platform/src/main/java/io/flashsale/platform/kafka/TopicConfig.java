package io.flashsale.platform.kafka;

import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The topics every service creates at start when they are missing ({@link TopicSetup}). */
@ConfigMapping(prefix = "flashsale.kafka")
public interface TopicConfig {

    /** Partitions of each topic created. */
    @WithDefault("6")
    int partitions();

    /** Replication factor of each topic created. */
    @WithDefault("1")
    short replicationFactor();

    /**
     * In-sync replicas a write with acks=all needs, for each topic created; unset: 2 from a replication
     * factor of 3 on (a write survives one broker's loss, and is refused when two are gone), else 1.
     */
    OptionalInt minInsyncReplicas();

    /** {@link #minInsyncReplicas()}, or its default for the replication factor. */
    default int minInsyncReplicasOrDefault() {
        return minInsyncReplicas().orElse(replicationFactor() >= 3 ? 2 : 1);
    }
}
