package com.chatplugify.webhooks.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver} packages) driven through Selenium, with
 * a fresh profile, nothing fetched from outside this machine, and a screenshot of each page on demand.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Why a browser test fails on a machine without them: such a test fails, it never skips. */
    public static final String MISSING = "Chromium and its driver are needed (Debian packages chromium and "
            + "chromium-driver, which .ci/run installs) at " + CHROMIUM + " and " + CHROMEDRIVER;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    /** Whether this machine has Chromium and its driver where Debian installs them. */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public static Browser start(Path screenshots) {
        try {
            Path profile = Files.createTempDirectory("console-chromium-");
            Files.createDirectories(screenshots);
            ChromeOptions options = new ChromeOptions()
                    .setBinary(CHROMIUM.toFile())
                    .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            return new Browser(new ChromeDriver(service, options), profile, screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Opens the console at {@code baseUrl}, forgets any session, and signs in with {@code token}. */
    public void signIn(String baseUrl, String token) {
        open(baseUrl + "/");
        signOut();
        type(By.id("token"), token);
        click(By.xpath("//button[normalize-space()='Sign in']"));
    }

    /** Forgets this tab's session (the console keeps its token in sessionStorage) and reloads the page. */
    public void signOut() {
        driver.executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
    }

    /** Delays every request the page makes by {@code latency} (Chromium's network emulation), or no more once zero. */
    public void delayRequests(Duration latency) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                "latency", latency.toMillis(), "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** The id of the element that has the focus, or an empty string. */
    public String focusedId() {
        return (String) driver.executeScript("return document.activeElement ? document.activeElement.id : ''");
    }

    /** The element, once it is visible. */
    public WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void type(By by, String text) {
        WebElement input = find(by);
        input.clear();
        input.sendKeys(text);
    }

    public void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** Waits until the element's text contains {@code text}; returns its whole text. */
    public String awaitText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by).getText();
    }

    /** Saves the whole page, beyond the window too, as {@code <name>.png} in the screenshot folder; returns the file. */
    public Path screenshot(String name) {
        long width = (Long) driver.executeScript("return document.documentElement.scrollWidth");
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temporary folder is harmless.
        }
    }
}
