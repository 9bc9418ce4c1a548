package dev.helpdesk.app.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by its own chromedriver: the driver path is given, so Selenium
 * Manager never runs (nothing is downloaded). Screenshots go to target/screenshots.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    // Selenium warns that it has no DevTools bindings for this Chromium; the tests use none
    private static final Logger[] QUIET = { Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver") };

    static {
        for (Logger l : QUIET) {
            l.setLevel(Level.OFF);
        }
    }

    final WebDriver driver;
    private final String base;

    Browser(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"
                    + " (.ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --disable-dev-shm-usage ourselves: Debian's wrapper script fails to decide it on some hosts
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    WebElement find(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    Browser type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
        return this;
    }

    /** Clicks; a form's submit button waits for the next page, so what is read next is not the old page's. */
    Browser click(String css) {
        WebElement e = find(css);
        boolean submits = "button".equals(e.getTagName()) && !"button".equals(e.getAttribute("type"))
                && !e.findElements(By.xpath("ancestor::form")).isEmpty();
        WebElement page = driver.findElement(By.tagName("html"));
        e.click();
        if (submits) {
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> gone(page));
        }
        return this;
    }

    /** This Chromium answers a node of a replaced page with an "unknown error", not a stale-element one. */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException replaced) {
            return true;
        }
    }

    String text(String css) {
        return find(css).getText();
    }

    String path() {
        return driver.getCurrentUrl().replaceFirst("^https?://[^/]+", "");
    }

    Browser signIn(String email, String password) {
        open("/login").type("#email", email).type("#password", password).click("form[action='/login'] button[type=submit]");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> path().startsWith("/tickets"));
        return this;
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
