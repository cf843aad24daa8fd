package com.chatplugify.webhooks.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.Browser;
import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import com.chatplugify.webhooks.testing.tls.TestCertificates;
import com.chatplugify.webhooks.testing.tls.TestCertificates.Issued;
import com.chatplugify.webhooks.testing.tls.TestCertificates.KeyKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser (headless Chromium) against every role on the test broker: sign in, create a
 * webhook (refused first for a bad URL), send a test and see its attempt; disable a webhook, edit it enabled again and
 * replay its dead letter (confirming the filters of the list shown), the disable listed in the workspace's and the
 * webhook's operational events; show each type of operational event as a sentence, its times as the browser's local
 * times; give a webhook a client certificate and OAuth 2.0 credentials, which an edit keeps; open a webhook whose id is
 * {@code new}; load older attempts of the outcome listed; forget the recent workspaces on sign-out.
 * Saves a screenshot of each page to {@code target/console-screenshots}.
 */
class ConsoleBrowserIT {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Browser browser;

    private final ApiClient api = TestSystem.api();
    private final String workspace = "ws_console_" + UUID.randomUUID().toString().substring(0, 8);
    private RecordingReceiver receiver;

    @BeforeAll
    static void startBrowser() {
        assertThat(Browser.available()).as(Browser.MISSING).isTrue();
        browser = Browser.start(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new RecordingReceiver().answer(request -> new RecordingReceiver.Reply(200, Map.of(), "thanks"));
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldCreateAWebhookThenSendATestAndSeeItsAttempt() {
        signIn();
        browser.type(By.id("workspace"), workspace);
        browser.click(button("Show webhooks"));
        browser.awaitText(By.id("main"), "No webhooks in " + workspace);
        browser.click(By.linkText("New webhook"));

        browser.type(By.id("url"), "ftp://example.com/hooks");
        browser.click(By.cssSelector("input[value='conversation.*']"));
        browser.click(button("Create webhook"));
        String refusal = browser.awaitText(By.id("url-error"), "must start with");
        assertThat(browser.find(By.id("url")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(refusal).contains("https://");
        browser.screenshot("03-webhook-form");

        browser.type(By.id("url"), receiver.url("/hooks"));
        browser.type(By.id("description"), "CRM sync");
        browser.click(button("Add header"));
        browser.type(By.id("header-name-1"), "Authorization");
        browser.type(By.id("header-value-1"), "Bearer s3cr3t");
        browser.click(button("Create webhook"));
        browser.awaitText(By.id("main"), "Webhook created");

        browser.click(By.id("send-test"));
        String outcome = browser.awaitText(By.id("test-result"), "Delivered: HTTP 200 in");
        assertThat(outcome).matches("Delivered: HTTP 200 in \\d+ ms");
        String history = browser.awaitText(By.id("attempts"), "webhook.test");
        assertThat(history).contains("delivered").contains("200").containsPattern("\\d+ ms");
        browser.click(button("Reveal secret"));
        assertThat(browser.find(By.id("secret-value")).getText()).startsWith("whsec_");
        assertThat(browser.find(By.id("main")).getText()).contains("Authorization (values hidden)")
                .doesNotContain("Bearer s3cr3t");
        browser.click(button("Reveal header values"));
        browser.awaitText(By.id("header-values"), "Bearer s3cr3t");
        browser.screenshot("04-webhook");
        assertThat(receiver.received()).singleElement().satisfies(request -> {
            assertThat(request.header("authorization")).isEqualTo("Bearer s3cr3t");
            assertThat(request.bodyText()).contains("\"event\":\"webhook.test\"");
        });

        browser.click(By.partialLinkText("Webhooks of " + workspace));
        browser.awaitText(By.id("main"), "Healthy");
        assertThat(browser.find(By.tagName("table")).getText()).contains(receiver.url("/hooks")).contains("100 % of 1");
        browser.screenshot("02-webhooks");
    }

    @Test
    void shouldDisableAWebhookWhoseSecretRotationIsUnderWay() {
        String webhook = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", receiver.url("/rotating"), "events", List.of("task.*")))).json().get("id").textValue();
        assertThat(api.post("/v1/webhooks/" + webhook + "/rotate-secret", "").status()).isEqualTo(200);
        signIn();
        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks/" + webhook);

        browser.click(button("Disable"));

        browser.awaitText(By.id("main"), "Webhook disabled");
        assertThat(api.get("/v1/webhooks/" + webhook).json().get("enabled").booleanValue()).isFalse();
    }

    @Test
    void shouldReplayADeadLetterOfADisabledWebhookOnceItIsEnabledAgain() {
        String webhook = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", receiver.url("/orders"), "events", List.of("order.*"), "description", "Order sync",
                "headers", Map.of("X-Order-Token", "t0k3n-kept"))))
                .json().get("id").textValue();
        await().atMost(WAIT).until(() -> TestSystem.router().webhooksOf(workspace).contains(webhook));
        signIn();
        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks/" + webhook);
        browser.click(button("Disable"));
        browser.awaitText(By.id("main"), "Webhook disabled");
        await().atMost(WAIT).until(() -> !api.get("/v1/operational-events?webhookId=" + webhook).json().get("data").isEmpty());
        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks?workspace=" + workspace);
        assertThat(browser.awaitText(By.id("operational-events"), "webhook.disabled"))
                .contains(webhook).contains("Disabled: through the API or the console");
        browser.screenshot("08-operational-events");
        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks/" + webhook);
        browser.awaitText(By.id("operational-events"), "webhook.disabled");

        ApiClient.Response published = api.post("/v1/events", """
                {"event":"order.requested","workspaceId":"%s","data":{"id":"order_1"}}""".formatted(workspace));
        String eventId = published.json().get("id").textValue();
        await().atMost(WAIT).until(() -> api.get("/v1/dead-letters?webhookId=" + webhook).json().get("data").size() == 1);
        browser.click(By.linkText("Edit"));
        assertThat(browser.find(By.id("description")).getAttribute("value")).isEqualTo("Order sync");
        browser.click(By.id("enabled"));
        browser.screenshot("07-webhook-edit");
        browser.click(button("Save changes"));
        browser.awaitText(By.id("main"), "Changes saved");
        assertThat(api.get("/v1/webhooks/" + webhook).json().get("enabled").booleanValue()).isTrue();
        assertThat(api.get("/v1/webhooks/" + webhook + "/headers").json().at("/headers/X-Order-Token").textValue())
                .as("the masked value shown by the form kept the header").isEqualTo("t0k3n-kept");

        browser.click(By.linkText("Dead letters"));
        browser.type(By.id("webhookId"), webhook);
        browser.click(button("Show dead letters"));
        String listed = browser.awaitText(By.id("dead-letters"), "webhook_disabled");
        assertThat(listed).contains(eventId).contains("order.requested");
        browser.click(By.id("dry-run"));
        assertThat(browser.awaitText(By.id("replay-result"), "Dry run")).contains("1 match; 1 would be replayed");
        browser.screenshot("05-dead-letters");

        browser.type(By.id("webhookId"), "webhook_typed_but_not_shown");
        browser.click(By.id("replay"));
        assertThat(browser.awaitText(By.id("replay-confirm"), "every workspace"))
                .as("the replay asks first, for the filters of the list shown, not the form as edited since")
                .contains("1 filter: webhook " + webhook).doesNotContain("webhook_typed_but_not_shown");
        browser.click(By.id("replay-confirmed"));
        assertThat(browser.awaitText(By.id("replay-result"), "Replayed")).contains("Replayed 1 of 1");
        await().atMost(WAIT).until(() -> !receiver.received().isEmpty());
        assertThat(receiver.received().get(0).header("webhook-id")).isEqualTo(eventId);
        By replayedCell = By.cssSelector("#dead-letters tbody tr td:last-child");
        // The table is drawn again while it is polled: a cell read just then is gone, and read again next time.
        await().atMost(WAIT).ignoreException(StaleElementReferenceException.class)
                .until(() -> !browser.find(replayedCell).getText().equals("no"));
        browser.screenshot("06-replayed");
    }

    @Test
    void shouldWriteEachOperationalEventAsASentenceShowingItsTimesAsLocalTimes() throws Exception {
        String webhook = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", receiver.url("/tasks"), "events", List.of("task.*")))).json().get("id").textValue();
        Instant failingSince = Instant.parse("2026-03-02T09:15:30Z");
        Instant deadLetteredFrom = Instant.parse("2026-03-02T10:00:00Z");
        Instant deadLetteredTo = Instant.parse("2026-03-02T10:05:00Z");
        publish(webhook,
                Map.of("reason", "endpoint_failing", "version", 2),
                Map.of("version", 3),
                Map.of("failingSince", failingSince.toString(), "failures", 4, "lastStatus", 500,
                        "lastError", "HTTP 500"),
                Map.of("failingSince", failingSince.toString(), "failures", 4,
                        "recoveredAt", deadLetteredTo.toString()),
                Map.of("count", 3, "reasons", Map.of("retries_exhausted", 3), "from", deadLetteredFrom.toString(),
                        "to", deadLetteredTo.toString()));
        await().atMost(WAIT)
                .until(() -> api.get("/v1/operational-events?webhookId=" + webhook).json().get("data").size() == 5);
        signIn();

        List<ShownEvent> expected = List.of(
                new ShownEvent(OperationalEvent.DELIVERY_DEAD_LETTERED, "3 dead-lettered between "
                        + local(deadLetteredFrom) + " and " + local(deadLetteredTo) + ": 3 retries_exhausted",
                        List.of(shownTime(deadLetteredFrom), shownTime(deadLetteredTo))),
                new ShownEvent(OperationalEvent.WEBHOOK_RECOVERED, "Recovered after 4 failed attempts since "
                        + local(failingSince), List.of(shownTime(failingSince))),
                new ShownEvent(OperationalEvent.WEBHOOK_FAILING, "Failing since " + local(failingSince)
                        + ": 4 failed attempts, last HTTP 500 (HTTP 500)", List.of(shownTime(failingSince))),
                new ShownEvent(OperationalEvent.WEBHOOK_ENABLED, "Enabled again", List.of()),
                new ShownEvent(OperationalEvent.WEBHOOK_DISABLED, "Disabled: every attempt failed for too long",
                        List.of()));
        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks?workspace=" + workspace);
        assertShownEvents(List.of("Time", "Event", "Webhook", "What happened"), expected);
        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks/" + webhook);
        assertShownEvents(List.of("Time", "Event", "What happened"), expected);
    }

    @Test
    void shouldSetAClientCertificateAndOAuth2CredentialsAndKeepThemThroughAnEdit() {
        Issued certificate = TestCertificates.authority("Console clients CA").client("console", KeyKind.EC);
        signIn();
        browser.open(TestSystem.shared().baseUrl() + "/#/new-webhook?workspace=" + workspace);
        browser.type(By.id("url"), receiver.url("/hooks"));
        browser.click(By.cssSelector("input[value='task.*']"));
        browser.type(By.id("clientCertificate.certificate"), certificate.certificatePem());
        browser.type(By.id("clientCertificate.privateKey"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n"
                + "-----END PRIVATE KEY-----");
        browser.type(By.id("oauth2.tokenUrl"), "http://127.0.0.1:9/oauth2/token");
        browser.type(By.id("oauth2.clientId"), "crm-sync");
        browser.type(By.id("oauth2.clientSecret"), "s3cr3t");
        browser.type(By.id("oauth2.scope"), "webhooks:receive");
        browser.click(button("Create webhook"));
        browser.awaitText(By.id("clientCertificate.privateKey-error"), "private key");
        assertThat(browser.find(By.id("clientCertificate.privateKey")).getAttribute("aria-invalid")).isEqualTo("true");

        browser.type(By.id("clientCertificate.privateKey"), certificate.privateKeyPem());
        browser.click(button("Create webhook"));
        browser.awaitText(By.id("main"), "Webhook created");
        assertThat(browser.find(By.id("oauth2-summary")).getText())
                .isEqualTo("bearer token from http://127.0.0.1:9/oauth2/token for client crm-sync, scope webhooks:receive");
        String webhook = api.get("/v1/webhooks?workspaceId=" + workspace).json().at("/data/0/id").textValue();

        browser.click(By.linkText("Edit"));
        assertThat(browser.find(By.id("clientCertificate.certificate")).getAttribute("value")).isEqualTo("********");
        assertThat(browser.find(By.id("oauth2.clientSecret")).getAttribute("value")).isEqualTo("********");
        browser.type(By.id("description"), "edited");
        browser.screenshot("08-webhook-credentials");
        browser.click(button("Save changes"));
        browser.awaitText(By.id("main"), "Changes saved");

        JsonNode saved = api.get("/v1/webhooks/" + webhook).json();
        assertThat(saved.get("description").textValue()).isEqualTo("edited");
        assertThat(saved.at("/clientCertificate/privateKey").textValue()).as("kept through the edit").isEqualTo("********");
        assertThat(saved.at("/oauth2/clientId").textValue()).isEqualTo("crm-sync");
        assertThat(saved.at("/oauth2/clientSecret").textValue()).as("kept through the edit").isEqualTo("********");
        assertThat(saved.at("/oauth2/scope").textValue()).isEqualTo("webhooks:receive");
    }

    @Test
    void shouldShowTheApiReferenceFromTheServersOwnDocumentWithinTheContentSecurityPolicy() {
        // Records every violation of the content security policy from the first script of every page on.
        ((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.cspViolations = []; document.addEventListener('securitypolicyviolation', "
                        + "e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
        signIn();
        browser.click(By.linkText("API reference"));
        browser.awaitText(By.id("main"), "Event type schemas");

        browser.click(By.xpath("//nav[@aria-label='Operations']//a[contains(., '/v1/events/batch')]"));
        String batch = browser.awaitText(By.id("op-publishEvents"), "Idempotency-Key");
        assertThat(batch).contains("Parameters").contains("Request body").contains("202").contains("503");
        browser.click(By.xpath("//details[@id='type-order-requested']/summary"));
        assertThat(browser.awaitText(By.id("type-order-requested"), "Example")).contains("\"sku\"")
                .contains("quantity");
        browser.screenshot("08-api-reference");
        browser.driver().navigate().refresh();
        browser.awaitText(By.id("main"), "Event type schemas");

        assertThat(((ChromeDriver) browser.driver()).executeScript("return window.cspViolations")).asList().isEmpty();
        assertThat(browser.find(By.tagName("main")).getText()).contains("POST /v1/events").contains("GET /v1/openapi.json");
    }

    @Test
    void shouldDeleteAWebhookOnlyOnceTheDeletionIsConfirmed() {
        String webhook = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", receiver.url("/gone-soon"), "events", List.of("task.*")))).json().get("id").textValue();
        signIn();
        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks/" + webhook);

        browser.click(button("Delete…"));
        browser.awaitText(By.id("main"), "This cannot be undone");
        browser.click(button("Cancel"));
        assertThat(browser.find(button("Delete…")).getAttribute("aria-expanded")).as("the question closed").isEqualTo("false");
        assertThat(api.get("/v1/webhooks/" + webhook).status()).isEqualTo(200);

        browser.click(button("Delete…"));
        browser.click(button("Delete this webhook"));
        browser.awaitText(By.id("main"), "Webhook " + webhook + " deleted.");
        assertThat(api.get("/v1/webhooks/" + webhook).status()).isEqualTo(404);
    }

    @Test
    void shouldOpenAWebhookWhoseIdIsNewFromTheList() {
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of("id", "new", "workspaceId", workspace,
                "url", receiver.url("/named-new"), "events", List.of("task.*"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        signIn();
        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks?workspace=" + workspace);

        browser.click(By.linkText(receiver.url("/named-new")));
        browser.awaitText(By.id("main"), "Attempt history");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Webhook");
        assertThat(browser.find(By.cssSelector("dl.facts dd")).getText()).as("its id").isEqualTo("new");
    }

    @Test
    void shouldListFiftyWebhooksAtATimeOldestFirstAndLoadTheRestOnRequest() {
        List<JsonNode> created = new java.util.ArrayList<>();
        for (int i = 0; i < 51; i++) {
            ApiClient.Response response = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                    "url", receiver.url("/paged-" + i), "events", List.of("task.*"))));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            created.add(response.json());
        }
        List<String> urls = created.stream()
                .sorted(java.util.Comparator.comparing((JsonNode webhook) -> Instant.parse(webhook.get("createdAt").textValue()))
                        .thenComparing(webhook -> webhook.get("id").textValue()))
                .map(webhook -> webhook.get("url").textValue()).toList();
        signIn();
        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks?workspace=" + workspace);

        browser.awaitText(By.cssSelector("#webhook-list caption"), "50 webhooks of " + workspace + " shown, more to load");
        assertThat(listedUrls()).isEqualTo(urls.subList(0, 50));
        browser.click(button("Load more webhooks"));

        browser.awaitText(By.cssSelector("#webhook-list caption"), "51 webhooks of " + workspace);
        assertThat(listedUrls()).isEqualTo(urls);
        assertThat(browser.driver().findElements(button("Load more webhooks"))).as("no more to load").isEmpty();
    }

    private List<String> listedUrls() {
        return script("return Array.from(document.querySelectorAll('#webhook-list tbody a.url')).map(a => a.textContent)");
    }

    @Test
    void shouldLoadOlderAttemptsOfTheOutcomeListedNotOfOnePickedSince() {
        String webhook = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", receiver.url("/many"), "events", List.of("task.*")))).json().get("id").textValue();
        await().atMost(WAIT).until(() -> TestSystem.router().webhooksOf(workspace).contains(webhook));
        int attempts = 26;
        for (int i = 0; i < attempts; i++) {
            api.post("/v1/events", """
                    {"event":"task.created","workspaceId":"%s","data":{"id":"task_%d"}}""".formatted(workspace, i));
        }
        await().atMost(WAIT).until(() -> api.get("/v1/webhooks/" + webhook + "/attempts?limit=100").json()
                .get("data").size() == attempts);
        signIn();
        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks/" + webhook);
        browser.awaitText(By.id("attempts"), "25 attempts, newest first");

        new Select(browser.find(By.id("outcome"))).selectByValue("failed");
        browser.click(button("Load older attempts"));

        assertThat(browser.awaitText(By.id("attempts"), attempts + " attempts")).doesNotContain("failed");
        assertThat(browser.driver().findElements(button("Load older attempts"))).as("no more to load").isEmpty();
    }

    @Test
    void shouldForgetTheRecentWorkspacesOnSignOut() {
        signIn();
        browser.type(By.id("workspace"), workspace);
        browser.click(button("Show webhooks"));
        browser.awaitText(By.id("main"), "No webhooks in " + workspace);
        assertThat((String) script("return localStorage.getItem('chatplugify.workspaces')")).contains(workspace);

        browser.click(button("Sign out"));
        browser.find(By.id("token"));

        assertThat((String) script("return localStorage.getItem('chatplugify.workspaces')")).isNull();
        assertThat((String) script("return sessionStorage.getItem('chatplugify.workspace')")).isNull();
    }

    private void signIn() {
        browser.open(TestSystem.shared().baseUrl() + "/");
        browser.signOut();
        browser.find(By.id("token"));
        browser.screenshot("01-sign-in");
        browser.type(By.id("token"), "not-the-token");
        browser.click(button("Sign in"));
        browser.awaitText(By.id("token-error"), "not accepted");
        browser.type(By.id("token"), TestSystem.API_TOKEN);
        browser.click(button("Sign in"));
        browser.awaitText(By.tagName("h1"), "Overview");
        browser.click(By.linkText("Webhooks"));
        browser.find(By.id("workspace"));
    }

    /** Writes an operational event of each type, in the order the documentation lists them, about {@code webhook}. */
    @SafeVarargs
    private void publish(String webhook, Map<String, Object>... dataByType) throws Exception {
        try (KafkaProducer<String, OperationalEvent> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestKafka.bootstrapServers()), new StringSerializer(),
                new JsonSerde<>(OperationalEvent.class))) {
            for (int i = 0; i < dataByType.length; i++) {
                OperationalEvent event = OperationalEvent.of(OperationalEvent.TYPES.get(i), Instant.now(), workspace,
                        webhook, dataByType[i]);
                producer.send(new ProducerRecord<>(Topics.OPERATIONAL_EVENTS, webhook, event))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Once the page shows its operational events under {@code columns}: they are {@code expected}, in that order. */
    private void assertShownEvents(List<String> columns, List<ShownEvent> expected) {
        await().atMost(WAIT).until(() -> script("""
                return Array.from(document.querySelectorAll('#operational-events thead th')).map(th => th.textContent)"""),
                columns::equals);
        List<Map<String, Object>> rows = script("""
                return Array.from(document.querySelectorAll('#operational-events tbody tr')).map(row => ({
                  event: row.cells[1].textContent,
                  sentence: row.lastElementChild.textContent,
                  times: Array.from(row.lastElementChild.querySelectorAll('time'))
                    .map(time => time.getAttribute('datetime') + ' ' + time.textContent),
                  cells: Array.from(row.cells).map(cell => cell.textContent)
                }))""");
        assertThat(rows).as("the cells of the events").flatExtracting(row -> (List<?>) row.get("cells"))
                .noneMatch(cell -> cell.toString().contains("[object"));
        assertThat(rows).map(row -> new ShownEvent((String) row.get("event"), (String) row.get("sentence"),
                (List<?>) row.get("times"))).containsExactlyElementsOf(expected);
    }

    /** How the console shows {@code instant}: the browser's local date and time. */
    private String local(Instant instant) {
        return script("return new Date(arguments[0]).toLocaleString()", instant.toString());
    }

    /** A {@code <time>} element as {@link #assertShownEvents} reads it: its machine-readable value, then its text. */
    private String shownTime(Instant instant) {
        return instant + " " + local(instant);
    }

    @SuppressWarnings("unchecked")
    private <T> T script(String script, Object... arguments) {
        return (T) ((ChromeDriver) browser.driver()).executeScript(script, arguments);
    }

    /** An operational event as the console shows it: its type, its sentence, and the times in the sentence. */
    private record ShownEvent(String event, String sentence, List<?> times) {
    }

    private static By button(String text) {
        return By.xpath("//button[normalize-space()='" + text + "']");
    }
}
