package io.mlindex.cli;

import io.mlindex.config.RootSettings;
import io.mlindex.config.Settings;
import io.mlindex.config.SettingsException;
import io.mlindex.config.SettingsLoader;
import io.mlindex.crawler.Crawler;
import io.mlindex.index.RecordIndex;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParserRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The composition root: loads settings, opens the index and wires the crawler to it. The crawler
 * and the index do not know each other; they meet here through the crawler's ports.
 */
final class Application {
  private final Environment environment;
  private final Path configFile;
  private final Path indexOverride;
  private Settings settings;

  Application(Environment environment, Path configFile, Path indexOverride) {
    this.environment = environment;
    this.configFile = configFile;
    this.indexOverride = indexOverride;
  }

  Environment environment() {
    return environment;
  }

  Settings settings() throws SettingsException {
    if (settings == null) {
      SettingsLoader loader =
          new SettingsLoader(environment.workingDir(), environment.home(), environment.env(), environment.systemProperties());
      Path file = configFile == null ? null : environment.workingDir().resolve(configFile);
      Settings s = loader.load(file);
      if (indexOverride != null) {
        s = s.withIndex(environment.workingDir().resolve(indexOverride).toAbsolutePath().normalize());
      }
      settings = s;
    }
    return settings;
  }

  RecordIndex openWritable() throws IOException, SettingsException {
    return RecordIndex.openWritable(settings().index(), environment.clock());
  }

  RecordIndex openReadOnly() throws IOException, SettingsException {
    return RecordIndex.openReadOnly(settings().index(), environment.clock());
  }

  /** Roots named on the command line, resolved against the working folder, with the config's globs if it names them too. */
  List<RootSettings> roots(List<Path> given) throws SettingsException {
    Settings s = settings();
    if (given == null || given.isEmpty()) {
      return s.roots();
    }
    return given.stream()
        .map(p -> environment.workingDir().resolve(p).toAbsolutePath().normalize())
        .map(p -> settingsFor(p))
        .toList();
  }

  private RootSettings settingsFor(Path path) {
    for (RootSettings r : settings.roots()) {
      if (r.path().equals(path)) {
        return r;
      }
    }
    return new RootSettings(path, List.of(), List.of(), null, settings.crawl().quietPeriod());
  }

  Crawler crawler(RecordIndex index) throws SettingsException {
    ParseContext context = new ParseContext();
    context.set(io.mlindex.config.ParseLimits.class, settings().limits());
    context.set(io.mlindex.config.RedactionSettings.class, settings().redaction());
    context.set(java.time.Clock.class, environment.clock());
    index.setHistoryVersions(settings().crawl().historyVersions());
    IndexPorts ports = new IndexPorts(index);
    return new Crawler(ParserRegistry.loadDefault(), ports, ports, context, settings().crawl().checkpointRecords());
  }
}
