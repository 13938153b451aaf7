package io.tenancycore.admincli.health;

import io.tenancycore.admincli.connect.KafkaTarget;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeFeaturesOptions;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.common.Node;

/** Kafka is UP when the cluster answers describeCluster within the timeout and has at least one broker. */
class KafkaProbe {

    private final Duration timeout;

    KafkaProbe(Duration timeout) {
        this.timeout = timeout;
    }

    ComponentHealth check(KafkaTarget kafka, boolean detailed) {
        long started = System.nanoTime();
        String target = kafka.bootstrapServers();
        try (Admin admin = kafka.admin(timeout)) {
            int timeoutMs = (int) timeout.toMillis();
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long latency = ServiceProbe.millisSince(started);
            String version = detailed ? metadataVersion(admin, timeoutMs) : null;
            if (nodes.isEmpty()) {
                return new ComponentHealth("kafka", target, ComponentHealth.DOWN, latency, version, "no broker", null);
            }
            return new ComponentHealth("kafka", target, ComponentHealth.UP, latency, version,
                    detailed ? nodes.size() + " broker(s)" : null, null);
        } catch (TimeoutException e) {
            return unreachable(target, started, "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return unreachable(target, started, cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(target, started, "interrupted");
        } catch (RuntimeException e) {
            return unreachable(target, started, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    // The KRaft metadata version is the closest thing to a cluster version the protocol exposes.
    private static String metadataVersion(Admin admin, int timeoutMs) {
        try {
            FinalizedVersionRange range = admin.describeFeatures(new DescribeFeaturesOptions().timeoutMs(timeoutMs))
                    .featureMetadata().get(timeoutMs, TimeUnit.MILLISECONDS).finalizedFeatures().get("metadata.version");
            return range == null ? null : "metadata.version " + range.maxVersionLevel();
        } catch (ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static ComponentHealth unreachable(String target, long started, String detail) {
        return new ComponentHealth("kafka", target, ComponentHealth.UNREACHABLE, ServiceProbe.millisSince(started),
                null, detail, null);
    }
}
