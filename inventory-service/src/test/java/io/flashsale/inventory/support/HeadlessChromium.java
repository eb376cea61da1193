package io.flashsale.inventory.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium, headless, driven through the system's chromedriver: both named explicitly, so
 * that Selenium never looks for (or downloads) a browser or a driver of its own. Without them, the test
 * is skipped and says why.
 */
public final class HeadlessChromium {

    /** Overrides {@code /usr/bin/chromium}: a system property, or the environment variable after it. */
    public static final String BROWSER = "flashsale.test.chromium";
    /** Overrides {@code /usr/bin/chromedriver}: a system property, or the environment variable after it. */
    public static final String DRIVER = "flashsale.test.chromedriver";

    private HeadlessChromium() {
    }

    public static ChromeDriver start() {
        Path browser = executable(BROWSER, "FLASHSALE_TEST_CHROMIUM", "/usr/bin/chromium");
        Path driver = executable(DRIVER, "FLASHSALE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=1600,1000");
        return new ChromeDriver(service, options);
    }

    private static Path executable(String property, String variable, String fallback) {
        String configured = System.getProperty(property, System.getenv(variable));
        Path path = Path.of(configured == null || configured.isBlank() ? fallback : configured);
        Assumptions.assumeTrue(Files.isExecutable(path), () -> "no executable " + path + ": install Debian's chromium "
                + "and chromium-driver, or name them with -D" + BROWSER + "= and -D" + DRIVER + "= (or "
                + "FLASHSALE_TEST_CHROMIUM, FLASHSALE_TEST_CHROMEDRIVER)");
        return path;
    }
}
