package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.bench.drive.EvenSplit;
import com.chatplugify.webhooks.bench.drive.Workload;
import com.chatplugify.webhooks.bench.receiver.DeliveryTally;
import com.chatplugify.webhooks.bench.receiver.EndpointKind;
import com.chatplugify.webhooks.bench.receiver.KindReplies;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One measurement to make.
 *
 * @param scenario    the scenario's label (a sweep step adds its rate)
 * @param endpoints   where the deliveries go
 * @param workload    the records to send, given the measurement's event id prefix
 * @param rate        events a second; 0 for flat out
 * @param maxInFlight when flat out, deliveries outstanding at most
 * @param replies     how the endpoints of each kind answer during the window
 * @param completion  which deliveries must arrive
 * @param afterWindow what to do once the window is over, before the drain (e.g. delete the crowd's webhooks)
 */
record MeasurementPlan(String scenario, ScenarioEndpoints endpoints, Function<String, Workload> workload, double rate,
                       long maxInFlight, Duration warmup, Duration duration, KindReplies replies, Completion completion,
                       Runnable afterWindow) {

    /** Which deliveries a measurement waits for and counts as lost when they do not come. */
    sealed interface Completion {

        /** Deliveries the first {@code events} acknowledged events should cause, of those waited for: all by default. */
        default long expected(long events, int fanout) {
            return events * fanout;
        }

        /**
         * Those of them complete so far.
         *
         * @param routed deliveries the router has fanned out since the measurement started
         */
        LongSupplier completed(DeliveryTally tally, LongSupplier routed);
    }

    /** Every endpoint's: the scripted ones are released after the window, so their backlog arrives too. */
    record EveryDelivery() implements Completion {
        @Override
        public LongSupplier completed(DeliveryTally tally, LongSupplier routed) {
            return tally::firstArrivals;
        }
    }

    /** The healthy endpoints' alone, the first group of {@code split}: the crowd's bad endpoints are not waited for. */
    record HealthyDeliveries(EvenSplit split) implements Completion {
        @Override
        public long expected(long events, int fanout) {
            return split.firstBefore(events) * fanout;
        }

        @Override
        public LongSupplier completed(DeliveryTally tally, LongSupplier routed) {
            return () -> tally.firstArrivals(EndpointKind.HEALTHY);
        }
    }

    /** No deliverer runs: a delivery is complete once the router has fanned it out. */
    record Routed() implements Completion {
        @Override
        public LongSupplier completed(DeliveryTally tally, LongSupplier routed) {
            return routed;
        }
    }
}
