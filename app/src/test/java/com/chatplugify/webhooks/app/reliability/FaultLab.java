package com.chatplugify.webhooks.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.ConfigDefinitions;
import com.chatplugify.webhooks.app.Role;
import com.chatplugify.webhooks.app.WebhooksProcess;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.model.Ordering;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.publisher.EventPublisher;
import com.chatplugify.webhooks.testing.TestSecrets;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;

/**
 * The bench of one fault test: a Kafka broker of its own in a child process (so that no other test's router or
 * deliverer touches its topics, and so that it can be stopped), the roles as child processes or in this JVM, a
 * counting receiver, webhooks for a few workspaces, and the run itself: events published at a steady rate while
 * the fault happens, then the books settled.
 */
final class FaultLab implements AutoCloseable {

    static final int PARTITIONS = 4;
    /** Events each fault test publishes, at {@link #PER_SECOND}: two deliveries each. */
    static final int EVENTS = 300;
    static final int PER_SECOND = 60;
    /** The API token of an ingest role the lab runs in this JVM. */
    static final String API_TOKEN = "lab-token";
    private static final int WORKSPACES = 4;
    private static final int WEBHOOKS_PER_WORKSPACE = 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);
    /**
     * How long the books must keep what a test promises after every delivery is accounted for: a duplicate comes
     * after the first delivery, and a partition held by a dead member moves after the lab's session timeout (6 s).
     */
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What a run produced: the books as they settled, how long they took after publishing began, and the account
     * itself, which keeps following the receiver and the dead-letter topic until the lab closes.
     */
    record Outcome(int events, DeliveryAccount.Tally tally, Duration time, DeliveryAccount account) {
    }

    private final String fault;
    private final Path dir;
    private final int kafkaPort = freePort();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountingReceiver receiver = new CountingReceiver();
    private final Map<String, List<String>> webhooksByWorkspace = new LinkedHashMap<>();
    private ChildJvm broker;

    private FaultLab(String fault) {
        this.fault = fault;
        this.dir = Path.of("target", "reliability", fault).toAbsolutePath();
        deleteRecursively(dir);
    }

    /** A lab with its broker started in a child process. */
    static FaultLab withBroker(String fault) {
        FaultLab lab = new FaultLab(fault);
        lab.broker = lab.child("broker", List.of("broker"), Map.of(
                "kafka.bootstrap.servers", lab.bootstrapServers(),
                "data.dir", lab.dir.resolve("broker").toString(),
                "topics.partitions", Integer.toString(PARTITIONS)));
        lab.broker.awaitOutput("broker listening", START_TIMEOUT);
        return lab;
    }

    /** A lab whose broker the test starts itself, e.g. inside a standalone process. */
    static FaultLab withoutBroker(String fault) {
        return new FaultLab(fault);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    ChildJvm broker() {
        return broker;
    }

    CountingReceiver receiver() {
        return receiver;
    }

    /** The settings every role of this lab runs with: quick retries, quick fail-over, loopback receivers allowed. */
    Map<String, String> settings(String dataDirName, Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrapServers());
        settings.put("data.dir", dir.resolve(dataDirName).toString());
        settings.put("topics.partitions", Integer.toString(PARTITIONS));
        settings.put("delivery.allow-http", "true");
        settings.put("delivery.allow-private-addresses", "true");
        settings.put("secrets.key", TestSecrets.KEY);
        settings.put("delivery.timeout", "2s");
        settings.put("delivery.retry.delays", "1s,2s,4s");
        settings.put("delivery.drain-timeout", "2s");
        settings.put("deliverer.session.timeout", "6s");
        settings.put("router.session.timeout", "6s");
        settings.putAll(overrides);
        return settings;
    }

    /** Starts {@code webhooks <command>} in a child JVM with this lab's settings; see {@link #awaitReady}. */
    RoleProcess startRole(String name, String command, Map<String, String> overrides) {
        return startRole(name, overrides, settings -> ChildJvm.start(name, dir, List.of(command), settings));
    }

    /** Starts {@code webhooks <command>} from the packaged jar (see {@link ChildJvm#startPackaged}), otherwise as {@link #startRole}. */
    RoleProcess startPackagedRole(String name, String command, Map<String, String> overrides) {
        return startRole(name, overrides, settings -> ChildJvm.startPackaged(name, dir, List.of(command), settings));
    }

    private RoleProcess startRole(String name, Map<String, String> overrides,
                                  Function<Map<String, String>, ChildJvm> launch) {
        int httpPort = freePort();
        Map<String, String> settings = settings(name, overrides);
        settings.put("http.port", Integer.toString(httpPort));
        ChildJvm child = launch.apply(settings);
        started.push(child);
        return new RoleProcess(child, httpPort);
    }

    /** Waits until each role answers {@code /ready}. */
    void awaitReady(RoleProcess... roles) {
        for (RoleProcess role : roles) {
            role.jvm().awaitReady(role.httpPort(), START_TIMEOUT);
        }
    }

    /** Runs roles in this JVM, stopped when the lab closes (or earlier, by closing the process). */
    WebhooksProcess startInProcess(String name, Set<Role> roles, Map<String, String> overrides) {
        Map<String, String> settings = settings(name, overrides);
        settings.put("http.port", "0");
        WebhooksProcess process = WebhooksProcess.start(new ConfigSources(ConfigDefinitions.all())
                .load(null, Map.of(), settings), roles, API_TOKEN, Clock.systemUTC());
        started.push(process);
        try {
            assertThat(process.awaitReady(START_TIMEOUT)).as(name + " ready: " + process.health().readiness()).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process;
    }

    /**
     * Creates two webhooks for every event in each of a few workspaces, pointing at the counting receiver, and waits
     * until an event of each workspace reaches both: from then on the pipeline routes and delivers for them.
     */
    void createWebhooksAndWarmUp() {
        createWebhooksAndWarmUp(Ordering.UNORDERED);
    }

    /** The webhooks created, by workspace. */
    Map<String, List<String>> webhooks() {
        return Map.copyOf(webhooksByWorkspace);
    }

    /** As {@link #createWebhooksAndWarmUp()}, with webhooks of that ordering. */
    void createWebhooksAndWarmUp(Ordering ordering) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int w = 0; w < WORKSPACES; w++) {
                String workspace = "ws_" + fault + "_" + w;
                List<String> webhooks = new ArrayList<>();
                for (int h = 0; h < WEBHOOKS_PER_WORKSPACE; h++) {
                    Subscription webhook = webhook(workspace, ordering);
                    producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, webhook.id(), Json.toBytes(webhook)));
                    webhooks.add(webhook.id());
                }
                webhooksByWorkspace.put(workspace, List.copyOf(webhooks));
            }
        }
        try (EventPublisher probes = EventPublisher.create(bootstrapServers())) {
            // The router learns of new webhooks at its next commit: probe until every webhook has had an event.
            await("every webhook receives a probe").atMost(START_TIMEOUT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        webhooksByWorkspace.keySet().forEach(workspace -> probes.publish("contact.created", workspace,
                                Map.of("id", "probe")));
                        Set<String> reached = receiver.delivered().keySet().stream().map(DeliveryPair::webhookId)
                                .collect(Collectors.toSet());
                        return webhooksByWorkspace.values().stream().flatMap(List::stream).allMatch(reached::contains);
                    });
        }
    }

    /**
     * Publishes {@link #EVENTS} at {@link #PER_SECOND} while {@code fault} runs (it gets the publisher, to time itself
     * by what was sent), waits until every event is acknowledged, then until each expected delivery is delivered or
     * dead-lettered (or the timeout passes), and returns the books.
     */
    Outcome publishDuring(Consumer<SteadyPublisher> fault) {
        Set<String> webhookIds = Set.copyOf(webhooksByWorkspace.values().stream().flatMap(List::stream).toList());
        DeadLetterTail deadLetters = new DeadLetterTail(bootstrapServers(), webhookIds);
        started.push(deadLetters);
        try (SteadyPublisher publisher = SteadyPublisher.start(bootstrapServers(),
                List.copyOf(webhooksByWorkspace.keySet()), EVENTS, PER_SECOND)) {
            fault.accept(publisher);
            List<Event> published = publisher.awaitAllAcked(SETTLE_TIMEOUT);
            DeliveryAccount account = new DeliveryAccount(published, webhooksByWorkspace, receiver, deadLetters);
            DeliveryAccount.Tally tally = account.settle(SETTLE_TIMEOUT);
            return new Outcome(EVENTS, tally, Duration.between(publisher.startedAt(), Instant.now()), account);
        }
    }

    /** Records the outcome in the report and checks the guarantees: nothing lost, nothing both delivered and parked. */
    void reportAndCheck(Outcome outcome, String whatHappened) {
        String summary = ReliabilityReport.record(fault, outcome.events(), outcome.tally(), outcome.time(), whatHappened);
        DeliveryAccount.Tally tally = outcome.tally();
        assertThat(tally.lost()).as("lost deliveries, e.g. %s; %s", tally.sample(), summary).isZero();
        assertThat(tally.both()).as("deliveries both delivered and dead-lettered, e.g. %s", tally.sample()).isZero();
        assertThat(tally.delivered() + tally.deadLettered()).isEqualTo(tally.expected());
    }

    /**
     * Checks that the run caused none of {@code promised}: none when the books settled, and none throughout
     * {@link #QUIET_PERIOD} after.
     */
    void assertNone(Outcome outcome, Set<Promise> promised) {
        await("none of " + promised + " after the books settled").during(QUIET_PERIOD)
                .atMost(QUIET_PERIOD.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
                .until(outcome.account()::tally, tally -> promised.stream().allMatch(promise -> promise.kept(tally)));
    }

    /** What a fault test may promise beyond losing nothing: a count of its books that stays zero. */
    enum Promise {
        /** No expected delivery answered 2xx more than once. */
        DUPLICATES(DeliveryAccount.Tally::duplicates),
        /** No expected delivery in the dead-letter topic. */
        DEAD_LETTERS(DeliveryAccount.Tally::deadLettered);

        private final ToIntFunction<DeliveryAccount.Tally> count;

        Promise(ToIntFunction<DeliveryAccount.Tally> count) {
            this.count = count;
        }

        boolean kept(DeliveryAccount.Tally tally) {
            return count.applyAsInt(tally) == 0;
        }
    }

    /** The sum of every counter named {@code meter} in {@code process}'s registry with these tags (key, value, ...). */
    static double count(WebhooksProcess process, String meter, String... tags) {
        return process.registry().find(meter).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                // Keep closing the rest, so no process outlives the test.
                LoggerFactory.getLogger(FaultLab.class).warn("Could not stop a part of the lab", e);
            }
        }
        receiver.close();
    }

    ChildJvm child(String name, List<String> arguments, Map<String, String> settings) {
        ChildJvm child = ChildJvm.start(name, dir, arguments, settings);
        started.push(child);
        return child;
    }

    Path dir() {
        return dir;
    }

    private Subscription webhook(String workspace, Ordering ordering) {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        Instant now = Instant.now();
        String id = Ids.newWebhookId();
        return new Subscription(id, workspace, receiver.url(id), List.of("*"), Map.of(), "whsec_" + Base64.getEncoder().encodeToString(key),
                true, "fault test", null, now, now, null, 1, null, ordering, null, null, null);
    }

    /**
     * A free port for a child process to listen on later, or again after a restart. Taken below Linux's ephemeral
     * range (32768 and up): a port from that range, free when chosen, can meanwhile become the local port of any
     * outgoing connection of this busy test JVM, and the child then finds it in use.
     */
    static int freePort() {
        while (true) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                // in use: another one
            }
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A role in a child JVM and the port of its HTTP server. */
    record RoleProcess(ChildJvm jvm, int httpPort) {

        /**
         * The sum of the samples of {@code series} (Prometheus name, e.g. {@code webhook_delivery_attempts_total})
         * that the role's {@code /metrics} shows now; 0 when it shows none.
         */
        double metric(String series) {
            HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build();
            String text;
            try {
                text = HttpClient.newHttpClient().send(scrape, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the metrics of " + jvm.name(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return text.lines()
                    .filter(line -> line.startsWith(series + "{") || line.startsWith(series + " "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        }
    }
}
