package io.tenancycore.commons.metrics;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The seed's host gauges: {@code system_cpu_usage_percent}, {@code system_memory_usage_bytes} (physical memory in
 * use) and {@code system_disk_usage_percent} (of {@code tenancy.metrics.disk-path}), sampled every core.yaml
 * {@code metrics.collection_interval} (seconds, or a duration such as {@code 30s}); a scrape reads the last sample,
 * so the CPU figure is the load over that interval rather than whatever instant the scrape hit.
 */
@Startup
@ApplicationScoped
public class SystemMetrics {

    private static final double PERCENT = 100.0;

    private final MeterRegistry registry;
    private final TenantMetricsConfig config;
    private final OperatingSystemMXBean os;
    private final Vertx vertx;
    private final Duration interval;
    private volatile double cpu = Double.NaN;
    private volatile double memory = Double.NaN;
    private volatile double diskUsed = Double.NaN;
    private long timer = -1;

    public SystemMetrics(MeterRegistry registry, TenantMetricsConfig config, Vertx vertx,
            @ConfigProperty(name = "metrics.collection_interval", defaultValue = "15") Duration interval) {
        this.registry = registry;
        this.config = config;
        this.vertx = vertx;
        this.interval = interval.isNegative() || interval.isZero() ? Duration.ofSeconds(15) : interval;
        this.os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    }

    @PostConstruct
    void register() {
        File disk = new File(config.diskPath());
        sample(disk);
        timer = vertx.setPeriodic(interval.toMillis(), ignored -> sample(disk));
        Gauge.builder("system.cpu.usage.percent", this, metrics -> metrics.cpu)
                .description("CPU usage of the whole host, 0-100").register(registry);
        Gauge.builder("system.memory.usage", this, metrics -> metrics.memory).baseUnit("bytes")
                .description("Physical memory in use on the host").register(registry);
        Gauge.builder("system.disk.usage.percent", this, metrics -> metrics.diskUsed)
                .description("Used space of the service's file system, 0-100").register(registry);
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(timer);
    }

    Duration interval() {
        return interval;
    }

    private void sample(File disk) {
        cpu = cpuPercent();
        memory = memoryUsedBytes();
        diskUsed = diskPercent(disk);
    }

    double cpuPercent() {
        double load = os.getCpuLoad();
        return load < 0 ? Double.NaN : load * PERCENT;
    }

    double memoryUsedBytes() {
        return (double) os.getTotalMemorySize() - os.getFreeMemorySize();
    }

    static double diskPercent(File disk) {
        long total = disk.getTotalSpace();
        return total == 0 ? Double.NaN : (total - disk.getUsableSpace()) * PERCENT / total;
    }
}
