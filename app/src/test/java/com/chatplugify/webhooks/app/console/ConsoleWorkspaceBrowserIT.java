package com.chatplugify.webhooks.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.Browser;
import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console as a customer sees it, signed in with a workspace token: their workspace's webhooks and dead letters
 * only, no workspace picker, and only the actions their token allows; and as the admin sees it: an overview across
 * workspaces, failing webhooks first, and the tokens. Saves screenshots to {@code target/console-screenshots}.
 */
class ConsoleWorkspaceBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    // Names of their own: no other test of this JVM's system uses them, and the screenshots read well.
    private static final String CUSTOMER = "ws_acme";
    private static final String OTHER = "ws_globex";

    private static final ApiClient admin = TestSystem.api();
    private static Browser browser;
    private static RecordingReceiver receiver;
    private static String crmSync;
    private static String otherCustomers;
    private static String customerDeadEvent;
    private static String otherDeadEvent;

    @BeforeAll
    static void startBrowserAndTwoCustomers() throws IOException {
        assertThat(Browser.available()).as(Browser.MISSING).isTrue();
        browser = Browser.start(ConsoleBrowserIT.SCREENSHOTS);
        receiver = new RecordingReceiver().answer(request -> request.path().startsWith("/broken")
                ? new RecordingReceiver.Reply(500, Map.of(), "down for maintenance")
                : new RecordingReceiver.Reply(200, Map.of(), "thanks"));
        crmSync = createWebhook(CUSTOMER, "/crm", "CRM sync", true);
        String orders = createWebhook(CUSTOMER, "/orders", "Order export", false);
        otherCustomers = createWebhook(OTHER, "/globex", "Globex ERP", false);
        customerDeadEvent = publish(CUSTOMER);
        otherDeadEvent = publish(OTHER);
        await().atMost(WAIT).until(() -> deadLetters(orders) == 1 && deadLetters(otherCustomers) == 1);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void shouldShowACustomerTheirOwnWorkspaceAndNothingElse() {
        String token = issueToken(CUSTOMER, "CRM team", List.of("read", "manage_webhooks"));
        browser.signIn(TestSystem.shared().baseUrl(), token);

        String page = browser.awaitText(By.tagName("h1"), "Webhooks of " + CUSTOMER);
        assertThat(browser.driver().findElements(By.id("workspace"))).as("no workspace picker").isEmpty();
        assertThat(browser.driver().findElements(By.linkText("Overview"))).as("no overview").isEmpty();
        assertThat(browser.driver().findElements(By.linkText("Tokens"))).as("no tokens page").isEmpty();
        String table = browser.awaitText(By.tagName("table"), "Order export");
        assertThat(table).contains("CRM sync").doesNotContain("Globex").doesNotContain(OTHER);
        assertThat(browser.find(By.id("signed-in-as")).getText()).contains("CRM team").contains(CUSTOMER);
        assertThat(page).isNotEmpty();
        await().atMost(WAIT).until(() -> !browser.find(By.tagName("table")).getText().contains("Loading"));
        browser.screenshot("10-customer-webhooks");

        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks/" + otherCustomers);
        browser.awaitText(By.id("main"), "no webhook with id '" + otherCustomers + "'");
        browser.open(TestSystem.shared().baseUrl() + "/#/tokens");
        browser.awaitText(By.tagName("h1"), "Page not found");

        browser.click(By.linkText("Dead letters"));
        String listed = browser.awaitText(By.id("dead-letters"), customerDeadEvent);
        assertThat(listed).doesNotContain(otherDeadEvent);
        assertThat(browser.driver().findElements(By.id("workspaceId"))).as("no workspace filter").isEmpty();
        assertThat(browser.driver().findElements(By.id("replay"))).as("no replay permission").isEmpty();
        browser.screenshot("12-customer-dead-letters");

        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks/" + crmSync);
        browser.click(By.id("send-test"));
        assertThat(browser.awaitText(By.id("test-result"), "Delivered: HTTP 200")).contains("Delivered");
        browser.awaitText(By.id("attempts"), "webhook.test");
        browser.screenshot("11-customer-webhook");
    }

    @Test
    void shouldLetACustomerReadTheApiReferenceAndSendTheExampleOfAnEventType() {
        browser.signIn(TestSystem.shared().baseUrl(), issueToken(CUSTOMER, "Integrations", List.of("read",
                "manage_webhooks")));
        browser.awaitText(By.tagName("h1"), "Webhooks of " + CUSTOMER);

        browser.click(By.linkText("API reference"));
        String reference = browser.awaitText(By.id("main"), "Event type schemas");
        assertThat(reference).contains("GET /v1/webhooks").contains("GET /v1/whoami");

        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks/" + crmSync);
        await().atMost(WAIT).until(() -> browser.find(By.id("test-event")).getText().contains("order.requested"));
        new Select(browser.find(By.id("test-event"))).selectByValue("order.requested");
        int receivedBefore = receiver.received().size();
        browser.click(By.id("send-test"));
        assertThat(browser.awaitText(By.id("test-result"), "Delivered: HTTP 200")).contains("Delivered");
        browser.awaitText(By.id("attempts"), "order.requested");
        // Only what arrived since: the customer's webhook also received the order published at the start.
        JsonNode sent = await().atMost(WAIT).until(() -> receiver.received().stream().skip(receivedBefore)
                .filter(request -> request.path().equals("/crm"))
                .map(request -> body(request.bodyText()))
                .filter(body -> body.path("event").asText().equals("order.requested")).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(sent.at("/data/workspaceId").asText()).as("the example names the customer's workspace")
                .isEqualTo(CUSTOMER);
    }

    /** A page of the console opened at another workspace's ids, and what it shows instead once it has loaded. */
    private record ForeignPage(String hash, By shown, String expected) {
    }

    @Test
    void shouldShowACustomerNothingOfAnotherWorkspaceOnAnyPage() {
        String token = issueToken(CUSTOMER, "Acme admin", List.of("read", "manage_webhooks", "replay"));
        browser.signIn(TestSystem.shared().baseUrl(), token);
        browser.awaitText(By.tagName("h1"), "Webhooks of " + CUSTOMER);
        List<ForeignPage> pages = List.of(
                new ForeignPage("/overview", By.tagName("h1"), "Page not found"),
                new ForeignPage("/tokens", By.tagName("h1"), "Page not found"),
                new ForeignPage("/webhooks?workspace=" + OTHER, By.tagName("table"), "CRM sync"),
                new ForeignPage("/webhooks/" + otherCustomers, By.id("main"), "no webhook with id"),
                new ForeignPage("/webhooks/" + otherCustomers + "/edit", By.id("main"), "no webhook with id"),
                new ForeignPage("/dead-letters?workspaceId=" + OTHER, By.id("dead-letters"), customerDeadEvent),
                new ForeignPage("/dead-letters?webhookId=" + otherCustomers, By.id("dead-letters"), "No dead letter matches"),
                // Last: the form it leaves open is checked below.
                new ForeignPage("/new-webhook?workspace=" + OTHER, By.tagName("form"), "Workspace"));

        for (ForeignPage page : pages) {
            // Emptied first, so that what is awaited is the next page's, not what the last one left.
            ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('main').replaceChildren()");
            browser.open(TestSystem.shared().baseUrl() + "/#" + page.hash());
            browser.awaitText(page.shown(), page.expected());
            assertThat(browser.find(By.id("main")).getText()).as(page.hash())
                    .doesNotContain("Globex").doesNotContain("/globex").doesNotContain(otherDeadEvent);
        }
        WebElement workspace = browser.find(By.id("workspaceId"));
        assertThat(workspace.getDomProperty("value")).as("a new webhook goes to the token's workspace").isEqualTo(CUSTOMER);
        assertThat(workspace.getDomAttribute("readonly")).isNotNull();
    }

    @Test
    void shouldOfferAReadOnlyTokenNoChange() {
        browser.signIn(TestSystem.shared().baseUrl(), issueToken(CUSTOMER, "Support desk", List.of("read")));
        browser.awaitText(By.tagName("h1"), "Webhooks of " + CUSTOMER);
        assertThat(browser.driver().findElements(By.linkText("New webhook"))).isEmpty();

        browser.open(TestSystem.shared().baseUrl() + "/#/webhooks/" + crmSync);
        browser.awaitText(By.id("main"), "Attempt history");

        assertThat(browser.driver().findElements(By.linkText("Edit"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("send-test"))).isEmpty();
        assertThat(browser.find(By.id("main")).getText()).doesNotContain("Reveal secret").doesNotContain("Delete");

        for (String form : List.of("/webhooks/" + crmSync + "/edit", "/new-webhook")) {
            ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('main').replaceChildren()");
            browser.open(TestSystem.shared().baseUrl() + "/#" + form);
            browser.awaitText(By.id("main"), "manage_webhooks");
            assertThat(browser.driver().findElements(By.tagName("form"))).as(form + " offers no form").isEmpty();
        }
    }

    @Test
    void shouldKeepTheCallerOnThePageTheyMovedToWhileTheLastOneWasStillLoading() {
        browser.signIn(TestSystem.shared().baseUrl(), TestSystem.API_TOKEN);
        browser.awaitText(By.tagName("h1"), "Overview");
        browser.delayRequests(Duration.ofMillis(1_500));
        try {
            browser.click(By.linkText("API reference"));
            browser.click(By.linkText("Tokens"));
            browser.type(By.id("token-name"), "Typed while the tokens load");
            await().atMost(WAIT).until(() -> !browser.find(By.id("tokens")).getText().isEmpty());

            await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() -> {
                List<String> headings = browser.driver().findElements(By.cssSelector("#main h1")).stream()
                        .map(WebElement::getText).toList();
                assertThat(headings).as("only the page moved to").containsExactly("Tokens");
                assertThat(browser.find(By.id("main")).getText()).as("nothing of the page left")
                        .doesNotContain("OpenAPI");
                assertThat(browser.focusedId()).as("the focus stays where the caller types").isEqualTo("token-name");
                assertThat(browser.find(By.id("token-name")).getAttribute("value"))
                        .isEqualTo("Typed while the tokens load");
            });
            assertThat(browser.driver().getTitle()).isEqualTo("Tokens · Chatplugify Webhooks");
        } finally {
            browser.delayRequests(Duration.ZERO);
        }
    }

    @Test
    void shouldMoveTheFocusToThePageWithTheSkipLinkAndStayOnIt() {
        browser.signIn(TestSystem.shared().baseUrl(), TestSystem.API_TOKEN);
        browser.awaitText(By.tagName("h1"), "Overview");
        String page = browser.driver().getCurrentUrl();

        WebElement skip = browser.driver().findElement(By.className("skip-link"));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].focus()", skip);
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(skip);
        skip.sendKeys(Keys.ENTER);

        await().atMost(WAIT).until(() -> browser.driver().switchTo().activeElement().getText().equals("Overview"));
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(page);
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Overview");
    }

    @Test
    void shouldGiveTheAdminAnOverviewFailingFirstAndTheTokens() {
        String broken = createWebhook(CUSTOMER, "/broken", "Billing hooks", true);
        admin.post("/v1/webhooks/" + broken + "/test", "");
        await().atMost(WAIT).until(() -> "failing".equals(admin.get("/v1/webhooks/" + broken + "/stats").json()
                .get("health").textValue()));

        browser.signIn(TestSystem.shared().baseUrl(), TestSystem.API_TOKEN);
        browser.awaitText(By.tagName("h1"), "Overview");
        browser.awaitText(By.id("attention"), "Billing hooks");
        List<String> healths = new ArrayList<>();
        for (WebElement badge : browser.find(By.id("attention")).findElements(By.cssSelector("tbody .badge"))) {
            healths.add(badge.getText());
        }
        assertThat(healths).contains("Failing", "Disabled");
        assertThat(healths.lastIndexOf("Failing")).as("failing first").isLessThan(healths.indexOf("Disabled"));
        assertThat(browser.find(By.id("workspaces")).getText()).contains(CUSTOMER).contains(OTHER);
        browser.screenshot("08-overview");

        browser.click(By.linkText("Tokens"));
        browser.type(By.id("token-name"), "Acme CRM sync");
        browser.type(By.id("token-workspace"), CUSTOMER);
        browser.click(By.id("permission-manage_webhooks"));
        browser.click(By.xpath("//button[normalize-space()='Issue token']"));
        WebElement issuedToken = browser.driver().findElement(By.id("issued-token"));
        WebElement issueErrors = browser.driver().findElement(By.id("token-errors"));
        await().atMost(WAIT).until(() -> !issuedToken.getText().isEmpty() || issueErrors.isDisplayed());
        assertThat(issueErrors.getText()).as("the issue's error").isEmpty();
        browser.awaitText(By.id("issued-token"), "Token");
        String issued = browser.awaitText(By.id("new-token"), "cpws_");
        browser.awaitText(By.id("tokens"), "Acme CRM sync");
        browser.screenshot("09-tokens");

        By revoke = By.xpath("//button[@aria-label='Revoke Acme CRM sync']");
        browser.click(revoke);
        browser.click(By.xpath("//button[normalize-space()='Revoke \"Acme CRM sync\"']"));
        browser.awaitText(By.id("main"), "revoked");
        await().atMost(WAIT).until(() -> browser.driver().findElements(revoke).isEmpty());

        browser.signIn(TestSystem.shared().baseUrl(), issued);
        assertThat(browser.awaitText(By.id("token-error"), "not accepted")).isNotEmpty();
    }

    private static String issueToken(String workspace, String name, List<String> permissions) {
        ApiClient.Response issued = admin.post("/v1/tokens", Json.toString(Map.of("name", name,
                "workspaceId", workspace, "permissions", permissions)));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().get("token").textValue();
    }

    private static JsonNode body(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String createWebhook(String workspace, String path, String description, boolean enabled) {
        ApiClient.Response created = admin.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", receiver.url(path), "events", List.of("order.*"), "description", description,
                "enabled", enabled)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").textValue();
    }

    private static String publish(String workspace) {
        JsonNode published = admin.post("/v1/events", """
                {"event":"order.requested","workspaceId":"%s","data":{"id":"order_1"}}""".formatted(workspace)).json();
        return published.get("id").textValue();
    }

    private static int deadLetters(String webhook) {
        return admin.get("/v1/dead-letters?webhookId=" + webhook).json().get("data").size();
    }
}
