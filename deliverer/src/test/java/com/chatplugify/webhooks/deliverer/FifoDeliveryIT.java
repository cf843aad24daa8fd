package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.FifoFailure;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Received;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FIFO webhooks: one delivery at a time, in the order published; a failed one retried in place before the next,
 * never through the retry tiers; a stuck one ended (by its retries, a refused address, its age), then dead-lettered or
 * the webhook paused.
 */
class FifoDeliveryIT {

    private static final JsonSerde<Delivery> DELIVERIES = new JsonSerde<>(Delivery.class);

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger mostConcurrent = new AtomicInteger();
    private final Map<String, AtomicInteger> attemptsByEvent = new ConcurrentHashMap<>();
    private final List<String> answeredOk = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch scripted = new CountDownLatch(1);
    private volatile Function<Received, Reply> script = request -> Reply.status(200);
    private DelivererHarness harness;

    @BeforeEach
    void answerAsScripted() {
        // Requests wait until the test has published its events and said how each is to be answered.
        receiver.answer(request -> {
            awaitLatch(scripted);
            mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            attemptsByEvent.computeIfAbsent(request.header("webhook-id"), id -> new AtomicInteger()).incrementAndGet();
            try {
                Reply reply = script.apply(request);
                if (reply.status() / 100 == 2 && request.path().equals("/fifo")) {
                    answeredOk.add(request.header("webhook-id"));
                }
                return reply;
            } finally {
                concurrent.decrementAndGet();
            }
        });
    }

    @AfterEach
    void stop() {
        release.countDown();
        harness.close();
        receiver.close();
    }

    @Test
    void shouldDeliverInPublishOrderRetryingFailuresInPlace() {
        harness = DelivererHarness.start(Map.of());
        Subscription webhook = harness.createFifoWebhook(receiver.url("/fifo"), FifoFailure.DEAD_LETTER);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(harness.deliver(webhook.id(), 0, Map.of()));
        }
        Set<String> failTwice = Set.of(events.get(2), events.get(9), events.get(10), events.get(25));
        answer(request -> failTwice.contains(request.header("webhook-id"))
                && attempts(request) <= 2 ? Reply.status(503) : Reply.status(200));

        await().atMost(Duration.ofSeconds(60)).until(() -> firstArrivals().size() == events.size()
                && delivered().size() == events.size());
        assertThat(firstArrivals()).containsExactlyElementsOf(events);
        assertThat(delivered()).containsExactlyElementsOf(events);
        assertThat(mostConcurrent.get()).isEqualTo(1);
        assertThat(harness.records(Topics.retryTier(1), webhook.id())).isEmpty();
        assertThat(harness.deadLetters(webhook.id())).isEmpty();
    }

    @Test
    void shouldDeadLetterADeliveryThatUsedUpItsRetriesAndGoOnInOrder() {
        harness = DelivererHarness.start(Map.of());
        Subscription webhook = harness.createFifoWebhook(receiver.url("/fifo"), FifoFailure.DEAD_LETTER);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            events.add(harness.deliver(webhook.id(), 0, Map.of()));
        }
        String stuck = events.get(3);
        answer(request -> stuck.equals(request.header("webhook-id")) ? Reply.status(500) : Reply.status(200));

        List<String> rest = new ArrayList<>(events);
        rest.remove(stuck);
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered().size() == rest.size());
        assertThat(delivered()).containsExactlyElementsOf(rest);
        assertThat(firstArrivals()).containsExactlyElementsOf(events);
        // Every attempt of the stuck one came before the first of the next: it held the others back until it ended.
        List<String> arrivals = arrivals();
        assertThat(arrivals.lastIndexOf(stuck)).isLessThan(arrivals.indexOf(events.get(4)));
        assertThat(attemptsByEvent.get(stuck)).hasValue(4);
        ConsumerRecord<String, byte[]> parked = harness.deadLetters(webhook.id()).get(0);
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.REASON)).isEqualTo("retries_exhausted");
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.LAST_STATUS)).isEqualTo("500");
    }

    @Test
    void shouldPauseAndParkEveryLaterDeliveryInOrderWhenItPausesOnFailure() {
        harness = DelivererHarness.start(Map.of());
        Subscription webhook = harness.createFifoWebhook(receiver.url("/fifo"), FifoFailure.PAUSE);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            events.add(harness.deliver(webhook.id(), 0, Map.of()));
        }
        String stuck = events.get(2);
        answer(request -> stuck.equals(request.header("webhook-id")) ? Reply.status(500) : Reply.status(200));

        await().atMost(Duration.ofSeconds(60)).until(() -> harness.deadLetters(webhook.id()).size() == 6);
        List<ConsumerRecord<String, byte[]>> parked = harness.deadLetters(webhook.id());
        assertThat(parked).extracting(FifoDeliveryIT::eventId).containsExactlyElementsOf(events.subList(2, 8));
        assertThat(delivered()).containsExactlyElementsOf(events.subList(0, 2));
        assertPausedBehind(webhook, parked, "retries_exhausted");
    }

    @Test
    void shouldPauseAndParkEveryLaterDeliveryInOrderWhenItPausesOnFailureAndItsAddressIsRefused() {
        Subscription webhook = refusedFifoWebhook(FifoFailure.PAUSE);

        List<ConsumerRecord<String, byte[]>> parked = parkedInPublishOrder(webhook, 5);
        assertPausedBehind(webhook, parked, "endpoint_refused");
    }

    @Test
    void shouldDeadLetterEachRefusedDeliveryInTurnWithoutDisablingWhenItDeadLettersOnFailure() {
        Subscription webhook = refusedFifoWebhook(FifoFailure.DEAD_LETTER);

        List<ConsumerRecord<String, byte[]>> parked = parkedInPublishOrder(webhook, 5);
        assertThat(parked).allSatisfy(record -> {
            assertThat(DelivererHarness.header(record, DeliveryHeaders.REASON)).isEqualTo("endpoint_refused");
            assertThat(DelivererHarness.header(record, DeliveryHeaders.ATTEMPTS)).isEqualTo("1");
        });
        // A pause is asked for before the next delivery starts, so by now it would have been written.
        assertThat(harness.records(Topics.SUBSCRIPTION_COMMANDS, webhook.id())).isEmpty();
    }

    @Test
    void shouldPauseWhenADeliveryHasExpiredWhenReadAndItPausesOnFailure() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.MAX_AGE, "1h"));
        Subscription webhook = harness.createFifoWebhook(receiver.url("/fifo"), FifoFailure.PAUSE);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant queuedAt = i == 2 ? Instant.now().minus(Duration.ofHours(2)) : null;
            events.add(harness.deliver(webhook.id(), 0, queuedAt, Map.of()));
        }
        answer(request -> Reply.status(200));

        await().until(() -> harness.deadLetters(webhook.id()).size() == 3);
        List<ConsumerRecord<String, byte[]>> parked = harness.deadLetters(webhook.id());
        assertThat(parked).extracting(FifoDeliveryIT::eventId).containsExactlyElementsOf(events.subList(2, 5));
        assertThat(delivered()).containsExactlyElementsOf(events.subList(0, 2));
        assertPausedBehind(webhook, parked, "expired");
    }

    @Test
    void shouldDeadLetterWhatItCannotHoldWhileItWaitsAndDeliverTheRestInOrder() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.MAX_QUEUED_PER_ENDPOINT, "5"));
        Subscription webhook = harness.createFifoWebhook(receiver.url("/fifo"), FifoFailure.DEAD_LETTER);
        answer(request -> {
            awaitRelease();
            return Reply.status(200);
        });
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(harness.deliver(webhook.id(), 0, Map.of()));
        }

        await().until(() -> harness.deadLetters(webhook.id()).size() == 7);
        release.countDown();

        await().until(() -> delivered().size() == 5);
        assertThat(delivered()).containsExactlyElementsOf(events.subList(0, 5));
        // Parked as they overflowed, not necessarily in order: replaying them delivers them out of order anyway.
        assertThat(harness.deadLetters(webhook.id())).extracting(FifoDeliveryIT::eventId)
                .containsExactlyInAnyOrderElementsOf(events.subList(5, 12));
        assertThat(harness.deadLetters(webhook.id())).allSatisfy(record ->
                assertThat(DelivererHarness.header(record, DeliveryHeaders.REASON)).isEqualTo("fifo_backlog_full"));
    }

    @Test
    void shouldDeliverOtherWebhooksSharingItsPartitionWhileItWaits() {
        harness = DelivererHarness.start(Map.of());
        Subscription fifo = harness.createFifoWebhook(receiver.url("/fifo"), FifoFailure.DEAD_LETTER);
        List<Subscription> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(harness.createWebhook(receiver.url("/other-" + i)));
        }
        answer(request -> {
            if (request.path().equals("/fifo")) {
                awaitRelease();
            }
            return Reply.status(200);
        });
        for (int i = 0; i < 10; i++) {
            harness.deliver(fifo.id(), 0, Map.of());
        }
        Set<String> otherEvents = new LinkedHashSet<>();
        for (Subscription other : others) {
            otherEvents.add(harness.deliver(other.id(), 0, Map.of()));
        }

        await().until(() -> receiver.received().stream().map(r -> r.header("webhook-id")).toList()
                .containsAll(otherEvents));
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(receiver.received()).filteredOn(r -> r.path().equals("/fifo")).hasSize(1);
    }

    @Test
    void shouldKeepTheOrderAcrossRebalances() {
        harness = DelivererHarness.start(Map.of());
        Subscription webhook = harness.createFifoWebhook(receiver.url("/fifo"), FifoFailure.DEAD_LETTER);
        answer(request -> {
            sleep(Duration.ofMillis(20));
            return Reply.status(200);
        });
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            events.add(harness.deliver(webhook.id(), 0, Map.of()));
            if (i == 40) {
                harness.startDeliverer();
            } else if (i == 80) {
                harness.stop(harness.deliverers().get(0));
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> firstArrivals().size() == events.size());
        assertThat(firstArrivals()).containsExactlyElementsOf(events);
        assertThat(mostConcurrent.get()).isEqualTo(1);
    }

    /** The receiver's FIFO path under a host name that resolves to loopback, a private address. */
    /** A FIFO webhook whose host name resolves to a loopback address, on a deliverer that refuses private ones. */
    private Subscription refusedFifoWebhook(FifoFailure onFailure) {
        harness = DelivererHarness.start(Map.of(CommonConfig.DELIVERY_ALLOW_PRIVATE_ADDRESSES, "false"));
        return harness.createFifoWebhook(loopbackHostUrl(), onFailure);
    }

    /** Publishes {@code count} deliveries and returns their dead letters once all are parked, checked in publish order. */
    private List<ConsumerRecord<String, byte[]>> parkedInPublishOrder(Subscription webhook, int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(harness.deliver(webhook.id(), 0, Map.of()));
        }
        await().until(() -> harness.deadLetters(webhook.id()).size() == count);
        List<ConsumerRecord<String, byte[]>> parked = harness.deadLetters(webhook.id());
        assertThat(parked).extracting(FifoDeliveryIT::eventId).containsExactlyElementsOf(events);
        return parked;
    }

    /**
     * The head parked for {@code headReason}, every later delivery parked behind it as {@code webhook_disabled}, and
     * the webhook paused for a FIFO delivery that failed.
     */
    private void assertPausedBehind(Subscription webhook, List<ConsumerRecord<String, byte[]>> parked, String headReason) {
        assertThat(DelivererHarness.header(parked.get(0), DeliveryHeaders.REASON)).isEqualTo(headReason);
        assertThat(parked.subList(1, parked.size())).allSatisfy(record ->
                assertThat(DelivererHarness.header(record, DeliveryHeaders.REASON)).isEqualTo("webhook_disabled"));
        assertThat(harness.records(Topics.SUBSCRIPTION_COMMANDS, webhook.id())).singleElement()
                .satisfies(command -> assertThat(new String(command.value())).contains("fifo_delivery_failed"));
    }

    private String loopbackHostUrl() {
        return receiver.url("/fifo").replace("127.0.0.1", "localhost");
    }

    private void answer(Function<Received, Reply> script) {
        this.script = script;
        scripted.countDown();
    }

    private int attempts(Received request) {
        return attemptsByEvent.get(request.header("webhook-id")).get();
    }

    /** Every request's event id, in the order they arrived. */
    private List<String> arrivals() {
        return receiver.received().stream().filter(r -> r.path().equals("/fifo")).map(r -> r.header("webhook-id"))
                .toList();
    }

    /** Each event's first arrival, in order. */
    private List<String> firstArrivals() {
        return List.copyOf(new LinkedHashSet<>(arrivals()));
    }

    /** The events answered 2xx, in the order they were. */
    private List<String> delivered() {
        return List.copyOf(answeredOk);
    }

    private static String eventId(ConsumerRecord<String, byte[]> record) {
        return DELIVERIES.deserialize(record.topic(), record.value()).event().id();
    }

    private void awaitRelease() {
        awaitLatch(release);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
