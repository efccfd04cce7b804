package io.mlindex.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettingsLoaderTest {
  private FileSystem fs;
  private Path work;
  private Path home;

  @BeforeEach
  void setUp() throws Exception {
    fs = Jimfs.newFileSystem(Configuration.unix());
    work = Files.createDirectories(fs.getPath("/work"));
    home = Files.createDirectories(fs.getPath("/home/ana"));
  }

  @AfterEach
  void tearDown() throws Exception {
    fs.close();
  }

  private Path file(String name, String yaml) throws Exception {
    return Files.writeString(work.resolve(name), yaml, StandardCharsets.UTF_8);
  }

  private Settings load(Path file, Map<String, String> env, Map<String, String> props) throws SettingsException {
    return new SettingsLoader(work, home, env, props).load(file);
  }

  @Test
  void defaultsNeedNoFile() throws Exception {
    Settings s = load(null, Map.of(), Map.of());
    assertEquals(fs.getPath("/home/ana/.mlindex/index"), s.index());
    assertEquals("127.0.0.1", s.server().bind());
    assertEquals(7700, s.server().port());
    assertNull(s.server().token());
    assertEquals("0 0/15 * * * ?", s.crawl().schedule());
    assertTrue(s.roots().isEmpty());
    assertEquals(fs.getPath("/opt/m/index"), load(null, Map.of("MLINDEX_HOME", "/opt/m"), Map.of()).index());
  }

  @Test
  void fileThenEnvironmentThenSystemPropertiesLastOneWins() throws Exception {
    Path f = file("m.yaml", "index: idx\nserver:\n  port: 8000\n  bind: 0.0.0.0\nroots:\n  - path: ~/exp\n    exclude: ['**/scratch/**']\n    quiet_period: 30s\n  - path: /data\n");
    Settings fromFile = load(f, Map.of(), Map.of());
    assertEquals(fs.getPath("/work/idx"), fromFile.index(), "relative to the settings file");
    assertEquals(8000, fromFile.server().port());
    assertEquals(fs.getPath("/home/ana/exp"), fromFile.roots().get(0).path());
    assertEquals(List.of("**/scratch/**"), fromFile.roots().get(0).exclude());
    assertEquals(Duration.ofSeconds(30), fromFile.roots().get(0).quietPeriod());
    assertEquals(Duration.ZERO, fromFile.roots().get(1).quietPeriod());

    Map<String, String> env = Map.of("MLINDEX_SERVER_PORT", "9000", "MLINDEX_TOKEN", "0123456789abcdef0123");
    Settings withEnv = load(f, env, Map.of());
    assertEquals(9000, withEnv.server().port());
    assertEquals("0123456789abcdef0123", withEnv.server().token());
    Settings withProps = load(f, env, Map.of("mlindex.server.port", "9100", "java.version", "17"));
    assertEquals(9100, withProps.server().port());
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsKey() throws Exception {
    Path f = file("bad.yaml", "roots:\n  - exclude: ['']\n  - path: /ok\n    shedule: x\nserver:\n  port: http\n  token: short\ncrawl:\n  schedule: every hour\n  quiet_period: soon\nlimits:\n  max_read_bytes: lots\nredaction:\n  extra_patterns: ['(unclosed']\nindx: /x\n");
    SettingsException e = assertThrows(SettingsException.class, () -> load(f, Map.of(), Map.of("mlindex.nope", "1")));
    String m = e.getMessage();
    assertTrue(m.startsWith("Invalid settings in /work/bad.yaml:"), m);
    for (String expected : List.of(
        "roots[0].path: is required", "roots[0].exclude[0]: is empty", "roots[1].shedule: unknown key",
        "server.port: 'http' is not a whole number", "server.token: is too short",
        "crawl.schedule: 'every hour' is not a Quartz cron expression", "crawl.quiet_period: 'soon' is not a duration",
        "limits.max_read_bytes: 'lots' is not a size", "redaction.extra_patterns[0]: is not a valid regular expression",
        "indx: unknown key", "-Dmlindex.nope: is not a setting")) {
      assertTrue(m.contains(expected), "missing '" + expected + "' in:\n" + m);
    }
  }

  @Test
  void syntaxErrorsGiveLineAndColumn() throws Exception {
    Path f = file("broken.yaml", "server:\n  port: 1\n bind: [x\n");
    SettingsException e = assertThrows(SettingsException.class, () -> load(f, Map.of(), Map.of()));
    assertTrue(e.getMessage().matches("(?s).*/work/broken.yaml.*syntax error at line 3, column \\d+.*"), e.getMessage());
    SettingsException missing = assertThrows(SettingsException.class, () -> load(work.resolve("none.yaml"), Map.of(), Map.of()));
    assertTrue(missing.getMessage().contains("the file does not exist"), missing.getMessage());
    Path dup = file("dup.yaml", "index: a\nindex: b\n");
    assertThrows(SettingsException.class, () -> load(dup, Map.of(), Map.of()));
  }

  @Test
  void sizesAndDurations() {
    assertEquals(64L << 20, Values.parseSize("64MiB"));
    assertEquals(1L << 30, Values.parseSize("1g"));
    assertEquals(512, Values.parseSize("512"));
    assertEquals(Duration.ofMinutes(15), Values.parseDuration("15m"));
    assertEquals(Duration.ofMillis(250), Values.parseDuration("250ms"));
    assertEquals(Duration.ofSeconds(30), Values.parseDuration("PT30S"));
    assertEquals(Duration.ofSeconds(45), Values.parseDuration("45"));
    assertThrows(IllegalArgumentException.class, () -> Values.parseSize("9999999999999T"));
  }
}
