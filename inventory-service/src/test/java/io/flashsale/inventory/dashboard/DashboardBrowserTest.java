package io.flashsale.inventory.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.flashsale.contract.RedisKeys;
import io.flashsale.inventory.support.HeadlessChromium;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.TestGateway;
import io.flashsale.inventory.support.TestGateway.Reserved;
import io.flashsale.inventory.support.TestOrders;
import io.flashsale.stack.EmbeddedStack;
import io.flashsale.testsupport.InjectStack;
import io.flashsale.testsupport.StackTestResource;
import io.flashsale.testsupport.Bearer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The dashboard page in a real headless Chromium, logged in at the embedded Keycloak's own login page
 * (authorization-code flow): an admin drives pause, resume and end; an operator watches without buttons
 * and is refused an action. The test's own API calls use a token from the realm's token endpoint.
 */
@QuarkusTest
@TestProfile(DashboardBrowserTest.WithKeycloak.class)
class DashboardBrowserTest {

    /** The stack with Keycloak instead of the module's usual one, whose tokens a browser could not log in for. */
    public static class WithKeycloak implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StackTestResource.class,
                    Map.of("pieces", "kafka,redis,postgres,keycloak")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TestHTTPResource("/dashboard")
    URL dashboard;

    @Inject
    TestGateway gateway;

    @Inject
    TestOrders orders;

    @Inject
    RedisDataSource redis;

    @InjectStack
    EmbeddedStack stack;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowserAsAdmin() {
        Bearer.use(stack.keycloak().passwordToken("adam", "adam"));
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, TIMEOUT, Duration.ofMillis(100));
        logIn("adam", "adam");
    }

    @AfterEach
    void closeBrowser() {
        Bearer.clear();
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void figuresChangeLiveAsOrdersArePlaced() throws IOException {
        String drifting = SaleApi.create(50, 2);
        redis.value(Long.class).decrby(RedisKeys.stock(drifting), 2);
        String sale = SaleApi.create(100, 5);
        browser.navigate().refresh();
        waitFor(sale, "total", "100");
        waitFor(sale, "available", "100");
        String page = markPage();

        Reserved first = gateway.reserve(sale, "alice", 3);
        gateway.reserve(sale, "bob", 4);
        waitFor(sale, "available", "93");
        waitFor(sale, "pending", "7");
        orders.persist(first.event());
        waitFor(sale, "pending", "4");
        waitFor(sale, "persisted", "3");

        assertEquals("0", field(sale, "drift").getText());
        assertFalse(card(sale).getDomAttribute("class").contains("drifting"));
        waitFor(drifting, "drift", "+2");
        assertTrue(card(drifting).getDomAttribute("class").contains("drifting"));
        wait.until(d -> Integer.parseInt(card(sale).getDomAttribute("data-points")) >= 3);
        assertTrue(card(sale).findElement(By.cssSelector("path.line.pending")).getDomAttribute("d").contains("L"));
        assertEquals("live", browser.findElement(By.id("conn")).getDomAttribute("data-state"));
        assertSamePage(page);

        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void anAdminPausesResumesAndEndsASale() {
        String sale = SaleApi.create(10, 1);
        browser.navigate().refresh();
        wait.until(d -> d.findElement(By.id("who")).getText().equals("adam (admin)"));
        waitFor(sale, "state", "ACTIVE");
        String page = markPage();

        button(sale, "pause").click();
        waitFor(sale, "state", "PAUSED");
        assertEquals("PAUSED", state(sale));
        wait.until(d -> button(sale, "resume").isEnabled() && !button(sale, "pause").isEnabled());

        button(sale, "resume").click();
        waitFor(sale, "state", "ACTIVE");
        assertEquals("ACTIVE", state(sale));

        button(sale, "end").click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        assertEquals("ACTIVE", state(sale));
        button(sale, "end").click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        waitFor(sale, "state", "ENDED");
        assertEquals("ENDED", state(sale));
        wait.until(d -> !button(sale, "end").isEnabled());
        assertSamePage(page);
    }

    @Test
    void aRefusedActionShowsTheProblem() {
        String sale = SaleApi.create(10, 1);
        browser.navigate().refresh();
        waitFor(sale, "state", "ACTIVE");

        // What the Resume button does; the button itself is disabled while the sale is ACTIVE.
        browser.executeScript("return dashboard.act(arguments[0], 'resume')", sale);

        wait.until(d -> field(sale, "error").getText().contains("cannot resume a sale that is ACTIVE"));
        assertEquals("ACTIVE", state(sale));
    }

    @Test
    void anOperatorWatchesButGetsNoButtonsAndIsRefusedAnAction() {
        String sale = SaleApi.create(10, 1);
        // A browser of its own: this one's provider session is the admin's.
        browser.quit();
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, TIMEOUT, Duration.ofMillis(100));
        logIn("olivia", "olivia");
        waitFor(sale, "state", "ACTIVE");
        wait.until(d -> d.findElement(By.id("who")).getText().equals("olivia"));
        assertFalse(button(sale, "pause").isDisplayed(), "an operator sees no Pause");

        browser.executeScript("return dashboard.act(arguments[0], 'pause')", sale);

        wait.until(d -> field(sale, "error").getText().contains("needs a role"));
        assertEquals("ACTIVE", state(sale));
    }

    @Test
    void loggingOutEndsTheSession() {
        browser.findElement(By.linkText("log out")).click();
        wait.withMessage("the login page after logging out").until(d -> !d.findElements(By.id("kc-login")).isEmpty());

        browser.get(dashboard.toString());
        wait.withMessage("the login page again").until(d -> !d.findElements(By.id("kc-login")).isEmpty());
    }

    @Test
    void aReloadedPageDrawsItsChartsAtOnce() {
        String sale = SaleApi.create(10, 5);
        browser.navigate().refresh();
        gateway.reserve(sale, "alice", 2);
        waitFor(sale, "pending", "2");
        wait.until(d -> Integer.parseInt(card(sale).getDomAttribute("data-points")) >= 5);

        browser.navigate().refresh();

        // The first event after the reload brings the history: no need to sample for five seconds again.
        int drawn = wait.until(d -> {
            var cards = d.findElements(By.cssSelector(sel(sale)));
            return cards.isEmpty() ? null : Integer.valueOf(cards.get(0).getDomAttribute("data-points"));
        });
        assertTrue(drawn >= 5, "points drawn at once after a reload: " + drawn);
    }

    /** Opens the dashboard, meets the provider's login page, and logs in there. */
    private void logIn(String username, String password) {
        browser.get(dashboard.toString());
        wait.withMessage("the provider's login page").until(d -> !d.findElements(By.id("kc-login")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        wait.withMessage("the dashboard after logging in as " + username)
                .until(d -> d.getCurrentUrl().startsWith(dashboard.toString()) && !d.findElements(By.id("conn")).isEmpty()
                        && "live".equals(d.findElement(By.id("conn")).getDomAttribute("data-state")));
    }

    /** Sets a value on the page's window: still there later means the page was not loaded again. */
    private String markPage() {
        String marker = UUID.randomUUID().toString();
        browser.executeScript("window.testMarker = arguments[0]", marker);
        return browser.getWindowHandle() + " " + marker;
    }

    private void assertSamePage(String marked) {
        assertEquals(marked, browser.getWindowHandle() + " " + browser.executeScript("return window.testMarker"));
    }

    private void waitFor(String sale, String name, String text) {
        new WebDriverWait(browser, TIMEOUT, Duration.ofMillis(100))
                .withMessage("sale " + sale + ": " + name + " never showed " + text)
                .until(d -> !d.findElements(By.cssSelector(sel(sale))).isEmpty() && text.equals(field(sale, name).getText()));
    }

    private static String sel(String sale) {
        return "[data-sale=\"" + sale + "\"]";
    }

    private WebElement card(String sale) {
        return browser.findElement(By.cssSelector(sel(sale)));
    }

    private WebElement field(String sale, String name) {
        return card(sale).findElement(By.cssSelector("[data-field=\"" + name + "\"]"));
    }

    private WebElement button(String sale, String action) {
        return card(sale).findElement(By.cssSelector("button[data-action=\"" + action + "\"]"));
    }

    private static String state(String sale) {
        return given().get("/api/admin/sales/" + sale).then().statusCode(200).extract().path("state");
    }
}
