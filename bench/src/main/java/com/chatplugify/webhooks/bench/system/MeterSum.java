package com.chatplugify.webhooks.bench.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The sum of the counters or gauges of one name (and chosen tags) of a registry, kept up to date by the registry's
 * meter-added listener, so that a read sums a few cached meters instead of searching the registry.
 */
final class MeterSum implements LongSupplier {

    private final Map<Meter.Id, Meter> meters = new ConcurrentHashMap<>();

    private MeterSum() {
    }

    static MeterSum of(MeterRegistry registry, String name, Predicate<Meter.Id> which) {
        MeterSum sum = new MeterSum();
        Predicate<Meter> wanted = meter -> meter.getId().getName().equals(name) && which.test(meter.getId())
                && (meter instanceof Counter || meter instanceof Gauge);
        // Listen first, then take what exists: a meter added in between is seen twice and kept once.
        registry.config().onMeterAdded(meter -> {
            if (wanted.test(meter)) {
                sum.meters.put(meter.getId(), meter);
            }
        });
        registry.config().onMeterRemoved(meter -> sum.meters.remove(meter.getId()));
        registry.getMeters().stream().filter(wanted).forEach(meter -> sum.meters.put(meter.getId(), meter));
        return sum;
    }

    /** This sum and another, read together. */
    LongSupplier plus(LongSupplier other) {
        return () -> getAsLong() + other.getAsLong();
    }

    @Override
    public long getAsLong() {
        double total = 0;
        for (Meter meter : meters.values()) {
            total += meter instanceof Counter counter ? counter.count() : ((Gauge) meter).value();
        }
        return (long) total;
    }
}
