package io.tenancycore.commons.events;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/** Creates topics that do not exist yet; safe to run from every replica, the suite and tests. */
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Creates DESIGN.md's topics. */
    public Set<String> ensurePlatformTopics(int partitions, short replicationFactor) {
        return ensure(Topics.ALL, partitions, replicationFactor);
    }

    /** @return the topics this call created (the others already existed) */
    public Set<String> ensure(Collection<String> topics, int partitions, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic))
                    .distinct()
                    .map(topic -> new NewTopic(topic, partitions, replicationFactor))
                    .toList();
            if (missing.isEmpty()) {
                return Set.of();
            }
            var results = admin.createTopics(missing).values();
            Set<String> created = new java.util.HashSet<>();
            for (var entry : results.entrySet()) {
                try {
                    entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            LOG.infof("created topics %s", created.stream().sorted().collect(Collectors.joining(", ")));
            return Set.copyOf(created);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics " + topics, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout + " while creating topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
