package io.flashsale.contract;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the pipeline's topics when they are missing. Existing topics are left as they are: in
 * production they belong to the platform (Strimzi {@code KafkaTopic}s), here they are a convenience.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param partitions       partitions of each topic created
     * @param replicas         replication factor of each topic created
     * @param topics           the topic names
     */
    public static void ensure(String bootstrapServers, int partitions, short replicas, Set<String> topics) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Set<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, replicas))
                    .collect(Collectors.toSet());
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Another replica may have created it in between; that is the outcome we wanted.
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics " + topics + " on " + bootstrapServers, e);
        }
    }
}
