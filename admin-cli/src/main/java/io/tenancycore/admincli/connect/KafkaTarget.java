package io.tenancycore.admincli.connect;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Option;

/** Where Kafka is: {@code --kafka-bootstrap-servers} (config {@code corectl.kafka-bootstrap-servers}). */
public class KafkaTarget {

    @Option(names = "--kafka-bootstrap-servers", paramLabel = "HOST:PORT[,…]",
            description = "Kafka bootstrap servers (env CORECTL_KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** An admin client that gives up after {@code timeout} instead of retrying for minutes. */
    public Admin admin(Duration timeout) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "corectl");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return Admin.create(properties);
    }
}
