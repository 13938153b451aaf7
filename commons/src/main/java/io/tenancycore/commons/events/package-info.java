/**
 * CloudEvents on Kafka (binary mode, {@code tenantid} extension, W3C {@code traceparent} header) on plain
 * kafka-clients.
 *
 * <ul>
 * <li>{@link io.tenancycore.commons.events.CloudEventPublisher}: one idempotent {@code acks=all} producer per app.</li>
 * <li>{@link io.tenancycore.commons.events.EventSubscriptions}: BROADCAST (every replica, group
 * {@code <app>-<instance-id>.<name>}, from latest) or WORK (once per service, group {@code <app>.<name>}, from
 * earliest) subscriptions, each polled on its own thread, offsets committed after the handler succeeded, bounded
 * retries with exponential backoff, then counted ({@code tenancy_events_consumed_total{outcome="failed"}}) and
 * skipped.</li>
 * <li>{@link io.tenancycore.commons.events.Topics}, {@link io.tenancycore.commons.events.TopicProvisioner},
 * {@link io.tenancycore.commons.events.KafkaReadinessCheck}, {@link io.tenancycore.commons.events.InstanceId}.</li>
 * </ul>
 * Configuration: {@code kafka.*} (connection), {@code tenancy.instance-id}, {@code tenancy.messaging.*}
 * ({@link io.tenancycore.commons.events.MessagingConfig}).
 */
package io.tenancycore.commons.events;
