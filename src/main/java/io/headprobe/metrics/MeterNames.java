package io.headprobe.metrics;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Makes /q/metrics pass {@code promtool check metrics}, lint included: every meter gets a HELP
 * text (some of Quarkus' and Micrometer's have none); {@code system_cpu_count} ("_count" is a
 * histogram's suffix) is renamed, keeping its value; and two meters whose exposition promtool's
 * lint rejects whatever they are called are left out: {@code process_cpu_time_ns_total} (a
 * counter in nanoseconds, not seconds; {@code process_cpu_usage} stays) and Vert.x's
 * {@code http_server_connections_seconds} long-task timer (its _active_count and _duration_sum
 * lines carry no HELP of their own; {@code http_server_active_connections} stays).
 */
public class MeterNames {

    /** Library meter -> the name it gets here, and the unit that goes with it (null: none). */
    static final Map<String, String[]> RENAMED = Map.of(
            "system.cpu.count", new String[] { "system.cpu.available", null });

    static final Set<String> LEFT_OUT = Set.of("process.cpu.time", "http.server.connections");

    @Produces
    @Singleton
    MeterFilter leaveOut() {
        return MeterFilter.deny(id -> LEFT_OUT.contains(id.getName()));
    }

    @Produces
    @Singleton
    MeterFilter namesAndHelp() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String[] renamed = RENAMED.get(id.getName());
                String name = renamed == null ? id.getName() : renamed[0];
                String unit = renamed == null ? id.getBaseUnit() : renamed[1];
                String description = id.getDescription() != null && !id.getDescription().isBlank() ? id.getDescription()
                        : name + " (its library gives no description)";
                if (renamed == null && description.equals(id.getDescription())) {
                    return id;
                }
                return new Meter.Id(name, Tags.of(id.getTags()), unit, description, id.getType());
            }
        };
    }
}
