package io.mlindex.conformance;

import io.mlindex.config.RootSettings;
import io.mlindex.crawler.CrawlListener;
import io.mlindex.crawler.CrawlReport;
import io.mlindex.crawler.Crawler;
import io.mlindex.crawler.RecordSink;
import io.mlindex.crawler.Trigger;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.record.Record;
import io.mlindex.record.UnitState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every record of one crawl of the corpus, kept in memory and looked up by path. */
public final class CrawledRecords {
  private final List<Record> all = new ArrayList<>();
  private final Map<String, List<Record>> byPath = new HashMap<>();
  private final CrawlReport report;

  private CrawledRecords(Path corpus) {
    RecordSink sink = new RecordSink() {
      @Override
      public void replaceUnit(UnitState unit, List<Record> records) {
        all.addAll(records);
      }

      @Override
      public void deleteUnit(String unitKey) {}

      @Override
      public void commit() {}
    };
    Crawler crawler = new Crawler(ParserRegistry.loadDefault(), root -> Collections.emptyIterator(), sink, new ParseContext(), 1000);
    report = crawler.crawl(RootSettings.of(corpus), Trigger.CLI, CrawlListener.NONE);
    for (Record r : all) {
      byPath.computeIfAbsent(r.getPath(), k -> new ArrayList<>()).add(r);
    }
  }

  private static final Map<Path, CrawledRecords> CACHE = new HashMap<>();

  /** One crawl per corpus per test run. */
  public static synchronized CrawledRecords of(Path corpus) {
    return CACHE.computeIfAbsent(corpus, CrawledRecords::new);
  }

  public CrawlReport report() {
    return report;
  }

  public List<Record> all() {
    return all;
  }

  /** Records whose path is exactly this. */
  public List<Record> at(String path) {
    return byPath.getOrDefault(path, List.of());
  }

  /** The one record at this path with this format, or null. */
  public Record find(String path, String format) {
    for (Record r : at(path)) {
      if (format.equals(r.getFormat())) {
        return r;
      }
    }
    return null;
  }
}
