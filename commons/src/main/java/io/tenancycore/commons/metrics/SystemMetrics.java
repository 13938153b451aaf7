package io.tenancycore.commons.metrics;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.lang.management.ManagementFactory;

/**
 * The seed's host gauges: {@code system_cpu_usage_percent}, {@code system_memory_usage_bytes} (physical memory in
 * use) and {@code system_disk_usage_percent} (of {@code tenancy.metrics.disk-path}).
 */
@Startup
@ApplicationScoped
public class SystemMetrics {

    private static final double PERCENT = 100.0;

    private final MeterRegistry registry;
    private final TenantMetricsConfig config;
    private final OperatingSystemMXBean os;

    public SystemMetrics(MeterRegistry registry, TenantMetricsConfig config) {
        this.registry = registry;
        this.config = config;
        this.os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    }

    @PostConstruct
    void register() {
        File disk = new File(config.diskPath());
        Gauge.builder("system.cpu.usage.percent", this, SystemMetrics::cpuPercent)
                .description("CPU usage of the whole host, 0-100").register(registry);
        Gauge.builder("system.memory.usage", this, SystemMetrics::memoryUsedBytes).baseUnit("bytes")
                .description("Physical memory in use on the host").register(registry);
        Gauge.builder("system.disk.usage.percent", disk, SystemMetrics::diskPercent)
                .description("Used space of the service's file system, 0-100").register(registry);
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
