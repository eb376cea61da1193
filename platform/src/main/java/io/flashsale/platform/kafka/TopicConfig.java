package io.flashsale.platform.kafka;

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
}
