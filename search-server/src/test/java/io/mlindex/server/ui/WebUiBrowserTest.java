package io.mlindex.server.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.index.RecordIndex;
import io.mlindex.record.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium against an index of fixture records: search, facets,
 * sorting and columns, completion, query errors, a record page with charts, lineage and history,
 * comparing records, the lineage view, shareable links, a narrow screen and the token. Screenshots
 * go to target/ui-screenshots/. See {@link UiBackend} for the server it runs against.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiBrowserTest {
  private static final Path SHOTS = Path.of("target", "ui-screenshots");
  private static final List<String> README_PICTURES = List.of("search", "record");

  private RecordIndex index;
  private List<Record> fixtures;
  private UiBackend server;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    browser = HeadlessChromium.start(1280, 860);
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    index = RecordIndex.openWritable(dir.resolve("idx"), Clock.systemUTC());
    fixtures = UiFixtures.write(index);
    server = UiBackend.start(index, fixtures, null);
    System.err.println("WebUiBrowserTest runs against " + server.description);
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (index != null) {
      index.close();
    }
  }

  @BeforeEach
  void freshTab() {
    browser.manage().window().setSize(new Dimension(1280, 860));
    open("/");
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); localStorage.clear();");
    open("/");
  }

  @AfterEach
  void noScriptOrPolicyErrors(TestInfo test) {
    List<String> bad = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught") || m.contains("Error:") && !m.contains("status of"))
        .collect(Collectors.toList());
    assertTrue(bad.isEmpty(), test.getDisplayName() + ": the page logged errors: " + bad);
  }

  private String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.port() + pathAndQuery;
  }

  private void open(String pathAndQuery) {
    browser.get(url(pathAndQuery));
  }

  private WebElement visible(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private void waitForText(String css, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  private List<String> texts(String css) {
    return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).collect(Collectors.toList());
  }

  private void search(String query) {
    WebElement q = visible("#q");
    q.clear();
    q.sendKeys(query);
    browser.findElement(By.cssSelector("#search-form button[type=submit]")).click();
  }

  /**
   * Saves a PNG of the page; fullPage grows the window to the page's height first. With
   * -Dmlindex.ui.docs=FOLDER the README's pictures (search, record) are written there too.
   */
  private void screenshot(String name, boolean fullPage) throws Exception {
    Dimension before = browser.manage().window().getSize();
    if (fullPage) {
      Number height = (Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
      browser.manage().window().setSize(new Dimension(before.getWidth(), Math.min(4000, height.intValue() + 120)));
    }
    Files.createDirectories(SHOTS);
    byte[] png = browser.getScreenshotAs(OutputType.BYTES);
    browser.manage().window().setSize(before);
    Files.write(SHOTS.resolve(name + ".png"), png);
    String docs = System.getProperty("mlindex.ui.docs");
    if (docs != null && !docs.isBlank() && README_PICTURES.contains(name)) {
      Files.write(Path.of(docs).resolve("web-ui-" + name + ".png"), png);
    }
  }

  private Record fixture(String name) {
    return fixtures.stream().filter(r -> name.equals(r.getName())).findFirst().orElseThrow();
  }

  @Test
  void searchesChoosesColumnsSortsAndAppliesAFacet() throws Exception {
    waitForText("#result-count", "8 records");
    assertTrue(visible("#health").getText().contains("8 records indexed"));

    visible("button[aria-controls=column-chooser]").click();
    WebElement filter = visible("#column-chooser input[type=search]");
    filter.sendKeys("val_acc");
    visible("#column-chooser input[value='metric.val_acc']").click();
    filter.clear();
    filter.sendKeys("param.lr");
    visible("#column-chooser input[value='param.lr']").click();
    browser.findElement(By.cssSelector("#column-chooser button.primary")).click();
    waitForText("table.results thead", "val_acc");
    assertTrue(browser.getCurrentUrl().contains("col=metric.val_acc&col=param.lr"), browser.getCurrentUrl());

    browser.findElements(By.cssSelector("table.results th button")).stream()
        .filter(b -> b.getText().equals("val_acc")).findFirst().orElseThrow().click();
    wait.until(d -> d.getCurrentUrl().contains("sort=metric.val_acc%3Adesc"));
    waitForText("table.results tbody tr:first-child", "resnet50-adam-long");
    assertEquals("descending", visible("table.results th[aria-sort=descending]").getAttribute("aria-sort"));
    assertEquals(List.of("resnet50-adam-long", "resnet50-adam", "vit-small", "resnet18-sgd"),
        texts("table.results .hit-name").subList(0, 4), "records without the metric sort last");
    String firstRow = visible("table.results tbody tr:first-child").getText();
    assertTrue(firstRow.contains("0.95") && firstRow.contains("0.001"), firstRow);
    screenshot("search", false);

    search("framework:pytorch");
    waitForText("#result-count", "6 records");
    assertTrue(browser.getCurrentUrl().contains("?q=framework%3Apytorch&sort=metric.val_acc%3Adesc"), browser.getCurrentUrl());
    WebElement mlflow = visible(".facets button[data-facet=format][data-value=mlflow]");
    assertTrue(mlflow.getText().contains("3"), mlflow.getText());
    mlflow.click();
    waitForText("#result-count", "3 records");
    assertEquals("framework:pytorch AND format:mlflow", browser.findElement(By.id("q")).getAttribute("value"));
    assertEquals("true", visible(".facets button[data-facet=format][data-value=mlflow]").getAttribute("aria-pressed"));
    assertEquals(List.of("resnet50-adam-long", "resnet50-adam", "resnet18-sgd"), texts("table.results .hit-name"));

    // the page of a search is a link: opening it again shows the same thing
    String link = browser.getCurrentUrl();
    open("/");
    browser.get(link);
    waitForText("#result-count", "3 records");
    assertEquals(List.of("resnet50-adam-long", "resnet50-adam", "resnet18-sgd"), texts("table.results .hit-name"));
    visible(".facets button[data-facet=format][data-value=mlflow]").click();
    waitForText("#result-count", "6 records");
    assertEquals("framework:pytorch", browser.findElement(By.id("q")).getAttribute("value"));
  }

  @Test
  void completesFieldNamesAndShowsWhereAQueryIsWrong() throws Exception {
    WebElement q = visible("#q");
    q.sendKeys("resnet AND metric.val");
    WebElement option = visible("#q-suggestions li");
    assertTrue(texts("#q-suggestions li").stream().anyMatch(t -> t.startsWith("metric.val_acc")), texts("#q-suggestions li").toString());
    assertEquals("true", q.getAttribute("aria-expanded"));
    q.sendKeys(Keys.ARROW_DOWN);
    assertEquals("true", option.getAttribute("aria-selected"));
    screenshot("completion", false);
    q.sendKeys(Keys.ENTER);
    assertEquals("resnet AND metric.val_acc:", q.getAttribute("value"));
    q.sendKeys(">>0.9");
    q.sendKeys(Keys.ENTER);
    WebElement error = visible("#view .error");
    assertTrue(error.getText().contains("The query cannot be run"), error.getText());
    assertTrue(error.getText().contains("HTTP 400"), error.getText());
    assertEquals(">", error.findElement(By.cssSelector("pre mark")).getText());

    visible("#help-button").click();
    WebElement example = visible("#help button.example[data-query='param.optimizer:adam']");
    screenshot("help", false);
    example.click();
    waitForText("#result-count", "2 records");
    assertTrue(browser.findElement(By.id("help")).getAttribute("hidden") != null);
    visible("#help-button").click();
    visible("#help button.example[data-query='warnings:*']").click();
    waitForText("#result-count", "1 record");
    assertEquals(List.of("mnist-cnn"), texts("table.results .hit-name"));

    // the highlighted snippet under a hit comes from the server's <mark>s, as text
    search("cifar");
    waitForText("table.results .snippet mark", "CIFAR");
  }

  @Test
  void recordPageShowsParamsChartsLineageAndHistory() throws Exception {
    search("format:mlflow");
    waitForText("#result-count", "3 records");
    // keyboard: Tab into the table, move down to the second row, Enter opens it
    WebElement first = visible("table.results tbody tr[tabindex='0']");
    first.sendKeys(Keys.ARROW_DOWN);
    WebElement focused = browser.switchTo().activeElement();
    String id = focused.getAttribute("data-id");
    focused.sendKeys(Keys.ENTER);
    wait.until(d -> d.getCurrentUrl().contains("#/record/" + id));
    Record r = fixtures.stream().filter(x -> x.getId().equals(id)).findFirst().orElseThrow();
    waitForText("article.record h1", r.getName());

    assertTrue(visible("#params").getText().contains("optimizer"));
    assertTrue(visible("#metrics").getText().contains("val_acc"));
    assertTrue(visible("#code").getText().contains("4ef38740a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6"));
    assertTrue(visible("#tags").getText().contains("vision"));
    assertTrue(visible("#files").getText().contains("/meta.yaml"));
    WebElement line = visible("#charts figure.chart[data-metric=val_acc] svg path.line");
    assertTrue(line.getAttribute("d").split("L").length >= 30, "one point per epoch");
    visible("#charts figure.chart[data-metric='train/loss'] svg path.line");
    assertTrue(visible(".lineage-neighbourhood svg").findElements(By.cssSelector("g.node")).size() >= 3);
    assertTrue(visible("#lineage").getText().contains("train.csv"));
    screenshot("record", true);

    open("/#/record/" + fixture("resnet50-adam").getId());
    waitForText("article.record h1", "resnet50-adam");
    visible("#history summary").click();
    waitForText("#history ol", "param lr: 0.003 → 0.001");

    open("/#/record/" + fixture("mnist-cnn").getId());
    waitForText("#warnings", "line 14 has 3 fields");

    open("/#/record/00000000000000ff");
    waitForText("#view .error", "no record has the id 00000000000000ff");
  }

  @Test
  void comparesTwoRecords() throws Exception {
    search("format:mlflow");
    waitForText("#result-count", "3 records");
    Record sgd = fixture("resnet18-sgd");
    Record adam = fixture("resnet50-adam");
    visible("tr[data-id='" + sgd.getId() + "'] input[type=checkbox]").click();
    visible("tr[data-id='" + adam.getId() + "'] input[type=checkbox]").click();
    WebElement compare = visible("#compare-link");
    assertEquals("Compare (2)", compare.getText());
    compare.click();
    waitForText("article.compare-page h1", "Compare 2 records");

    assertEquals(List.of("resnet18-sgd", "resnet50-adam"), texts("table.compare thead th a"));
    assertTrue(!browser.findElements(By.cssSelector("table.compare tr.differs[data-name=optimizer]")).isEmpty());
    assertTrue(!browser.findElements(By.cssSelector("table.compare tr.differs[data-name=lr]")).isEmpty());
    assertTrue(browser.findElements(By.cssSelector("table.compare tr.differs[data-name=batch_size]")).isEmpty());
    WebElement row = visible("table.compare tr[data-name=model]");
    assertEquals("model resnet18 resnet50", row.getText().replace('\n', ' ').replace("(differs)", "").replaceAll("\\s+", " ").trim());

    WebElement chart = visible("#compare-charts figure.chart[data-metric=val_acc] svg");
    assertEquals(2, chart.findElements(By.cssSelector("path.line")).size(), "one line per record");
    assertEquals(List.of("resnet18-sgd", "resnet50-adam"),
        texts("#compare-charts figure.chart[data-metric=val_acc] .legend li"));
    screenshot("compare", true);

    visible("#only-differing").click();
    wait.until(d -> d.findElements(By.cssSelector("table.compare tbody.params tr[data-name=batch_size]")).isEmpty());
    assertFalse(browser.findElements(By.cssSelector("table.compare tbody.params tr[data-name=optimizer]")).isEmpty());

    // the compare view is a link of its own
    String link = browser.getCurrentUrl();
    open("/");
    browser.get(link);
    waitForText("article.compare-page h1", "Compare 2 records");
  }

  @Test
  void showsTheLineageGraphAndOpensItsNodes() throws Exception {
    Record dataset = fixture("train.csv");
    open("/#/record/" + dataset.getId());
    waitForText("article.record h1", "train.csv");
    browser.findElements(By.cssSelector(".record-head .actions a")).stream()
        .filter(a -> a.getText().equals("Lineage")).findFirst().orElseThrow().click();
    waitForText("#lineage-summary", "nodes");
    waitForText("article.lineage-page h1", "Lineage of train.csv");
    WebElement graph = visible(".graph svg");
    List<String> names = texts("table.lineage-nodes tbody td:first-child");
    assertTrue(names.containsAll(List.of("prepare-cifar.ipynb", "train.csv", "resnet18-sgd", "resnet50-adam", "vit-small")), names.toString());
    assertEquals(names.size(), graph.findElements(By.cssSelector("g.node")).size());
    assertTrue(graph.findElements(By.cssSelector("path.edge")).size() >= names.size() - 1);
    assertEquals(1, graph.findElements(By.cssSelector("g.node.focus")).size());
    screenshot("lineage", false);

    new org.openqa.selenium.support.ui.Select(visible("#lineage-depth")).selectByValue("1");
    waitForText("#lineage-summary", "nodes");
    wait.until(d -> d.findElements(By.cssSelector("table.lineage-nodes tbody tr")).size() == 6);

    WebElement notebook = visible(".graph g.node[data-id='" + fixture("prepare-cifar.ipynb").getId() + "']");
    notebook.sendKeys(Keys.ENTER);
    waitForText("article.record h1", "prepare-cifar.ipynb");
  }

  @Test
  void worksOnANarrowScreen() throws Exception {
    browser.manage().window().setSize(new Dimension(420, 900));
    open("/?q=" + java.net.URLEncoder.encode("kind:run", java.nio.charset.StandardCharsets.UTF_8));
    waitForText("#result-count", "5 records");
    assertEquals("kind:run", visible("#q").getAttribute("value"));
    WebElement facets = visible("aside.facets");
    WebElement results = visible("section.results");
    assertTrue(facets.getRect().getY() + facets.getRect().getHeight() <= results.getRect().getY() + 1,
        "filters sit above the results on a narrow screen");
    assertNoSidewaysScroll("search");
    screenshot("narrow", false);

    open("/#/record/" + fixture("resnet50-adam").getId());
    visible("#charts figure.chart[data-metric=val_acc] svg path.line");
    visible(".lineage-neighbourhood svg");
    assertNoSidewaysScroll("record page");
    open("/#/compare/" + fixture("resnet18-sgd").getId() + "," + fixture("vit-small").getId());
    visible("#compare-charts figure.chart[data-metric=val_acc] svg path.line");
    assertNoSidewaysScroll("compare view");
  }

  private void assertNoSidewaysScroll(String where) {
    Object overflow = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth - window.innerWidth");
    Object culprits = ((JavascriptExecutor) browser).executeScript("return [...document.querySelectorAll('body *')]"
        + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.children.length === 0)"
        + ".slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 60))");
    assertTrue(((Number) overflow).intValue() <= 0, where + " scrolls sideways by " + overflow + " px: " + culprits);
  }

  @Test
  void asksForTheTokenAServerRequiresAndSendsIt() throws Exception {
    try (UiBackend guarded = UiBackend.start(index, fixtures, "s3cret")) {
      browser.get("http://127.0.0.1:" + guarded.port() + "/");
      visible("#token-dialog[open]");
      waitForText("#view .error", "HTTP 401");
      visible("#token-input").sendKeys("wrong");
      browser.findElement(By.cssSelector("#token-form button[value=save]")).click();
      waitForText("#token-button", "Token ✓");
      waitForText("#view .error", "HTTP 401");
      visible("#view .error button").click();
      WebElement input = visible("#token-dialog[open] #token-input");
      input.clear();
      input.sendKeys("s3cret");
      browser.findElement(By.cssSelector("#token-form button[value=save]")).click();
      waitForText("#result-count", "8 records");
      waitForText("#health", "8 records indexed");
      search("resnet");
      waitForText("#result-count", "3 records");
    }
  }
}
