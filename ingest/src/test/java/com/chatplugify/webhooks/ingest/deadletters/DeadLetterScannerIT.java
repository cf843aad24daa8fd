package com.chatplugify.webhooks.ingest.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.ingest.testing.DeadLetterFixtures;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listings of the dead-letter topic read with a few consumers kept between calls, however many calls there are,
 * and each listing still gets exactly its own dead letters, oldest first, when others run at the same time.
 */
class DeadLetterScannerIT {

    private static final int WEBHOOKS = 8;
    private static final int PAGE = 3;
    private static final long MAX_SCANNED = 100_000;
    private static final Duration BUDGET = Duration.ofSeconds(10);

    private final WebhooksConfig config = IngestTestServer.shared().config();
    private final AtomicInteger created = new AtomicInteger();
    private final ScanConsumers consumers = new ScanConsumers(
            () -> DeadLetters.consumer(config, "dead-letter-scan-it-" + created.incrementAndGet()),
            DeadLetters.MAX_SCANS, DeadLetters.SCAN_WAIT, Duration.ofMinutes(5));
    private final DeadLetterScanner scanner = new DeadLetterScanner(consumers, Duration.ofSeconds(15));
    private final Map<String, List<String>> expected = new HashMap<>();
    private final List<String> webhooks = new ArrayList<>();

    @BeforeEach
    void writeDeadLetters() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (DeadLetterFixtures fixtures = new DeadLetterFixtures()) {
            for (int w = 0; w < WEBHOOKS; w++) {
                String webhook = "webhook_" + UUID.randomUUID();
                List<String> ids = new ArrayList<>();
                // Webhooks get different numbers of dead letters, so that an answer given to the wrong call shows.
                for (int i = 0; i < w + 2; i++) {
                    ids.add(fixtures.write(webhook, "ws_scan", "task.created", "retries_exhausted",
                            now.minusSeconds(100 - i)));
                }
                webhooks.add(webhook);
                expected.put(webhook, List.copyOf(ids));
            }
        }
    }

    @AfterEach
    void closeConsumers() {
        consumers.close();
    }

    @Test
    void shouldListPageAfterPageWithOneConsumerWhenCallsComeOneAfterAnother() {
        for (int round = 0; round < 3; round++) {
            for (String webhook : webhooks) {
                assertThat(listAll(webhook)).as("dead letters of %s", webhook).isEqualTo(expected.get(webhook));
            }
        }

        assertThat(created).as("consumers created for %d listings one after another", 3 * WEBHOOKS).hasValue(1);
    }

    @Test
    void shouldKeepScansThatRunAtOnceApartEachOnAConsumerOfItsOwn() {
        List<String> scanned = webhooks.subList(0, DeadLetters.MAX_SCANS);
        List<DeadLetterScan> scans = scanned.stream().map(webhook -> scanner.open(query(webhook), null)).toList();
        Map<String, List<String>> found = new HashMap<>();
        try {
            long deadline = System.nanoTime() + BUDGET.toNanos();
            // One record from each scan in turn, so that all of them are half-way at once.
            while (scans.stream().anyMatch(scan -> !scan.finished())) {
                for (int i = 0; i < scans.size(); i++) {
                    ConsumerRecord<String, byte[]> record = scans.get(i).next(deadline);
                    DeadLetter entry = record == null ? null : DeadLetter.from(record);
                    if (entry != null && query(scanned.get(i)).matches(entry)) {
                        found.computeIfAbsent(scanned.get(i), webhook -> new ArrayList<>()).add(entry.id());
                    }
                }
            }
        } finally {
            scans.forEach(DeadLetterScan::close);
        }

        scanned.forEach(webhook -> assertThat(found.get(webhook)).as("dead letters of %s", webhook)
                .isEqualTo(expected.get(webhook)));
        assertThat(created).hasValue(DeadLetters.MAX_SCANS);
    }

    @Test
    void shouldGiveConcurrentListingsEachTheirOwnDeadLettersWithAtMostTheMaximumOfConsumers() throws Exception {
        int callers = 2 * DeadLetters.MAX_SCANS;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Map<String, List<String>>>> listings = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                List<String> order = rotated(caller);
                listings.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    Map<String, List<String>> answers = new HashMap<>();
                    order.forEach(webhook -> answers.put(webhook, listAll(webhook)));
                    return answers;
                }, threads));
            }
            start.countDown();

            for (CompletableFuture<Map<String, List<String>>> listing : listings) {
                assertThat(listing.get(2, TimeUnit.MINUTES)).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(created.get()).as("consumers created for %d listings", callers * WEBHOOKS)
                .isBetween(1, DeadLetters.MAX_SCANS);
    }

    /** Every dead letter of {@code webhook}, page after page of {@link #PAGE}. */
    private List<String> listAll(String webhook) {
        List<String> ids = new ArrayList<>();
        ScanCursor cursor = null;
        do {
            DeadLetterPage page = scanner.page(query(webhook), cursor, PAGE, MAX_SCANNED, BUDGET);
            page.entries().forEach(entry -> ids.add(entry.id()));
            cursor = page.next();
        } while (cursor != null);
        return ids;
    }

    private List<String> rotated(int by) {
        List<String> order = new ArrayList<>(webhooks.subList(by % WEBHOOKS, WEBHOOKS));
        order.addAll(webhooks.subList(0, by % WEBHOOKS));
        return order;
    }

    private static DeadLetterQuery query(String webhook) {
        return new DeadLetterQuery(null, webhook, null, null, null, null);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
