package io.mlindex.server.ui;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Starts the system's Chromium (Debian's {@code chromium} and {@code chromium-driver}) headless
 * through Selenium, with the network-free flags CI needs. Selenium Manager is never asked to
 * download anything: both paths are given. Without the browser the test is skipped with a message,
 * unless {@code MLINDEX_REQUIRE_BROWSER=1} (set by .ci/run) makes that a failure.
 */
final class HeadlessChromium {
  static final List<String> FLAGS = List.of(
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

  /** Kept so the level sticks: Selenium's warnings about CDP versions say nothing about this test. */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  private HeadlessChromium() {}

  private static Optional<Path> find(String envOverride, String... candidates) {
    List<String> paths = new ArrayList<>();
    String given = System.getenv(envOverride);
    if (given != null && !given.isBlank()) {
      paths.add(given);
    }
    paths.addAll(List.of(candidates));
    return paths.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /** A headless Chromium of the given window size, or a skipped test when there is none. */
  static ChromeDriver start(int width, int height) {
    Optional<Path> browser = find("MLINDEX_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium");
    Optional<Path> driver = find("MLINDEX_CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    if (browser.isEmpty() || driver.isEmpty()) {
      String message = "the web UI browser test needs Chromium and chromedriver (Debian: apt-get install chromium"
          + " chromium-driver; or set MLINDEX_CHROMIUM and MLINDEX_CHROMEDRIVER); missing: "
          + (browser.isEmpty() ? "chromium " : "") + (driver.isEmpty() ? "chromedriver" : "");
      if ("1".equals(System.getenv("MLINDEX_REQUIRE_BROWSER"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    SELENIUM_LOG.setLevel(Level.SEVERE);
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, driver.get().toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.get().toString());
    options.addArguments(FLAGS);
    options.addArguments("--window-size=" + width + "," + height, "--lang=en-US", "--hide-scrollbars");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .withSilent(true)
        .withLogOutput(OutputStream.nullOutputStream())
        .build();
    return new ChromeDriver(service, options);
  }
}
