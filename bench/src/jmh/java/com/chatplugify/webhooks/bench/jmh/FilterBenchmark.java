package com.chatplugify.webhooks.bench.jmh;

import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.EventFilter;
import com.chatplugify.webhooks.router.topology.WebhookRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The router's matching of an event against its workspace's webhooks, per event (without reading them from its
 * store, a prefix scan).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilterBenchmark {

    private static final List<String> FILTERS = List.of("contact.created", "task.*", "order.requested", "conversation.*");

    /** Webhooks in the event's workspace. */
    @Param({"1", "10", "100"})
    public int webhooks;

    private Event event;
    private List<WebhookRoute> workspace;

    @Setup
    public void setUp() {
        event = Samples.event();
        workspace = new ArrayList<>();
        for (int i = 0; i < webhooks; i++) {
            // Every other webhook wants the event, through its last filter.
            List<String> filters = i % 2 == 0 ? FILTERS : FILTERS.subList(0, 3);
            workspace.add(new WebhookRoute("webhook_" + i, event.workspaceId(), filters, 1));
        }
    }

    @Benchmark
    public boolean filterMatches() {
        return EventFilter.matches(FILTERS, event.event());
    }

    @Benchmark
    public List<String> workspaceMatching() {
        List<String> webhookIds = new ArrayList<>();
        for (WebhookRoute route : workspace) {
            if (route.workspaceId().equals(event.workspaceId()) && route.wants(event.event())) {
                webhookIds.add(route.webhookId());
            }
        }
        return webhookIds;
    }
}
