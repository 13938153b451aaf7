/**
 * The platform's events on Kafka through SmallRye Reactive Messaging ({@code quarkus-messaging-kafka}): CloudEvents
 * 1.0 in binary mode with the {@code tenantid} extension, the tenant as record key, W3C {@code traceparent} from the
 * connector's OpenTelemetry tracing.
 *
 * <ul>
 * <li>Contracts, defined once: {@link io.tenancycore.commons.events.Topics},
 * {@link io.tenancycore.commons.events.EventTypes}, {@link io.tenancycore.commons.events.TenantEvents}, the shared
 * payload {@link io.tenancycore.commons.events.ConfigChanged} (and {@code commons.audit.AuditRecord},
 * {@code commons.cache.CacheInvalidation}).</li>
 * <li>{@link io.tenancycore.commons.events.EventPublisher}: the {@code tenancy-events} channel (one idempotent,
 * {@code acks=all} producer per application), metadata built by {@link io.tenancycore.commons.events.CloudEvents}.</li>
 * <li>Consumers are {@code @Incoming} methods taking {@code Message<byte[]>} and returning
 * {@code CloudEvents.consume(message, handler)}, with {@code @Retry} and the channel's {@code failure-strategy}.
 * Every-replica channels use group {@code ${quarkus.application.name}-${tenancy.instance-id}.<name>} from the latest
 * offset, work channels {@code ${quarkus.application.name}.<name>} from the earliest.</li>
 * <li>{@link io.tenancycore.commons.events.ConfigChangesListener}: commons' every-replica reader of
 * {@code tenancy.config-changes}; {@link io.tenancycore.commons.events.ChannelReadiness}: waits for partitions;
 * {@link io.tenancycore.commons.events.MessagingProducers}: instance id and topic provisioning at startup.</li>
 * </ul>
 * Configuration: {@code kafka.bootstrap.servers}, {@code mp.messaging.*}, {@code tenancy.instance-id},
 * {@code tenancy.messaging.*} ({@link io.tenancycore.commons.events.MessagingConfig}).
 */
package io.tenancycore.commons.events;
