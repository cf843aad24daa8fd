package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.bench.drive.BenchEvents;
import com.chatplugify.webhooks.bench.receiver.BenchReceiver;
import com.chatplugify.webhooks.bench.receiver.EndpointKind;
import com.chatplugify.webhooks.bench.receiver.ReceiverEndpoint;
import com.chatplugify.webhooks.bench.system.SystemUnderTest;
import com.chatplugify.webhooks.bench.system.WebhookRegistrar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Producer;

/**
 * Gives a scenario its endpoints: creates them on the receiver, registers one webhook each through the API, and
 * waits until the system routes to every one of them, so that no measured event is lost to the race between a new
 * subscription and the first events. With a deliverer running, a probe event per workspace must arrive at every
 * endpoint that can answer (sent again every few seconds until it does); without one, the router is asked for its
 * table.
 */
final class EndpointPreparer {

    private static final Duration KNOWN_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PROBE_AGAIN = Duration.ofSeconds(5);

    private final BenchReceiver receiver;
    private final MicroClock clock;
    private final String runKey;

    EndpointPreparer(BenchReceiver receiver, MicroClock clock, String runKey) {
        this.receiver = receiver;
        this.clock = clock;
        this.runKey = runKey;
    }

    /**
     * @param name       unique in the run: names the scenario's workspaces
     * @param kinds      one entry per endpoint, in slot order; the count is a multiple of {@code fanout}
     * @param probe      true when a deliverer runs and can carry probe events, false to ask the router
     */
    ScenarioEndpoints prepare(SystemUnderTest system, Producer<String, byte[]> producer, String name,
                              List<EndpointKind> kinds, int fanout, boolean probe) throws InterruptedException {
        return prepare(system, producer, name, kinds, fanout, probe, "unordered");
    }

    /** @param ordering the webhooks' ordering, {@code unordered} or {@code fifo} */
    ScenarioEndpoints prepare(SystemUnderTest system, Producer<String, byte[]> producer, String name,
                              List<EndpointKind> kinds, int fanout, boolean probe, String ordering) throws InterruptedException {
        List<ReceiverEndpoint> endpoints = receiver.newEndpoints(kinds);
        List<String> workspaceIds = new ArrayList<>();
        for (int workspace = 0; workspace < kinds.size() / fanout; workspace++) {
            workspaceIds.add("ws_" + runKey + "_" + name + "_" + workspace);
        }
        List<WebhookRegistrar.Webhook> webhooks = endpoints.stream()
                .map(endpoint -> new WebhookRegistrar.Webhook(workspaceIds.get(endpoint.slot() / fanout), receiver.url(endpoint),
                        ordering))
                .toList();
        List<String> webhookIds = new WebhookRegistrar(system.apiUrl(), system.apiToken()).create(webhooks);
        ScenarioEndpoints prepared = new ScenarioEndpoints(endpoints, webhookIds, workspaceIds, fanout);
        if (probe) {
            awaitProbes(producer, prepared, "evt_" + runKey + "_" + name);
        } else {
            awaitRouted(system, prepared);
        }
        return prepared;
    }

    private void awaitProbes(Producer<String, byte[]> producer, ScenarioEndpoints prepared, String idPrefix)
            throws InterruptedException {
        prepared.endpoints().forEach(ReceiverEndpoint::resetProbe);
        long deadline = System.nanoTime() + KNOWN_TIMEOUT.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            for (int workspace = 0; workspace < prepared.workspaces(); workspace++) {
                if (!probed(prepared, workspace)) {
                    producer.send(BenchEvents.probe(idPrefix, attempt, workspace, prepared.workspaceIds().get(workspace),
                            clock.nowMicros()));
                }
            }
            producer.flush();
            long again = System.nanoTime() + PROBE_AGAIN.toNanos();
            while (System.nanoTime() < again) {
                if (reachable(prepared).allMatch(ReceiverEndpoint::probed)) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        long missing = reachable(prepared).filter(endpoint -> !endpoint.probed()).count();
        throw new IllegalStateException(missing + " of " + prepared.endpoints().size() + " new webhooks got no probe event within "
                + KNOWN_TIMEOUT.toSeconds() + " s: is the system delivering to 127.0.0.1 (delivery.allow-http, "
                + "delivery.allow-private-addresses)?");
    }

    /** The endpoints a probe can reach: a refused endpoint's never arrive. */
    private static Stream<ReceiverEndpoint> reachable(ScenarioEndpoints prepared) {
        return prepared.endpoints().stream().filter(endpoint -> endpoint.kind().reachable());
    }

    private static boolean probed(ScenarioEndpoints prepared, int workspace) {
        for (ReceiverEndpoint endpoint : reachable(prepared).toList()) {
            if (endpoint.slot() / prepared.fanout() == workspace && !endpoint.probed()) {
                return false;
            }
        }
        return true;
    }

    private static void awaitRouted(SystemUnderTest system, ScenarioEndpoints prepared) throws InterruptedException {
        long deadline = System.nanoTime() + KNOWN_TIMEOUT.toNanos();
        for (int workspace = 0; workspace < prepared.workspaces(); workspace++) {
            Set<String> wanted = Set.copyOf(prepared.webhookIds().subList(workspace * prepared.fanout(),
                    (workspace + 1) * prepared.fanout()));
            while (true) {
                Optional<Set<String>> routed = system.routedWebhooks(prepared.workspaceIds().get(workspace));
                if (routed.isEmpty()) {
                    throw new IllegalStateException("The router of this system cannot be asked for its webhooks");
                }
                if (routed.get().containsAll(wanted)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The router did not learn the bench's webhooks within "
                            + KNOWN_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
        }
    }
}
