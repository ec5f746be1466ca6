package dev.perfmonitoring.verification.stack;

import dev.perfmonitoring.stack.process.Binaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A report opened in a real browser: Debian's {@code chromium}, headless, driven through Debian's
 * {@code chromium-driver} by Selenium (no browser or driver download), with a fresh profile. It reads what the page
 * logged to its console, what each chart drew, and every number with the query under it.
 */
final class ReportPage implements AutoCloseable {

    private final ChromeDriver driver;

    private ReportPage(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Opens {@code html} (a file) at 1400 px wide; {@code profile} is the fresh user data directory. */
    static ReportPage open(Path html, Path profile) {
        Path chromium = Binaries.require("CHROMIUM_BIN", "chromium", "chromium");
        Path chromedriver = Binaries.require("CHROMEDRIVER_BIN", "chromium-driver", "chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.get(html.toUri().toString());
        return new ReportPage(driver);
    }

    /** Console messages of level SEVERE (errors, uncaught exceptions, failed loads). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Per chart id, per series label: how many points uPlot drew (the page's own record). */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Long>> drawnPoints() {
        return (Map<String, Map<String, Long>>) driver.executeScript("return window.perfReport.drawn");
    }

    /** The ids of the charts the page drew. */
    @SuppressWarnings("unchecked")
    List<String> plotIds() {
        return (List<String>) driver.executeScript("return window.perfReport.plots");
    }

    /** Every number of the page's tables and header with its query. */
    List<WebElement> numbers() {
        return driver.findElements(By.cssSelector("span.value[data-promql]"));
    }

    String text(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector)).getText();
    }

    /** From navigation start to the end of the load event, as the page measured it. */
    long loadMillis() {
        return ((Number) driver.executeScript(
                "const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime;"))
                .longValue();
    }

    /** A PNG of the whole page, for a person to look at. */
    Path screenshot(Path png) {
        long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, (int) Math.min(height + 40, 16000)));
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), png, StandardCopyOption.REPLACE_EXISTING);
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
