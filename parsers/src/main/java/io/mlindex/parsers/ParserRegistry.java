package io.mlindex.parsers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The parsers on the classpath, found through {@link ServiceLoader}, with lookup by name. */
public final class ParserRegistry {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  private final Map<String, Parser> byName = new TreeMap<>();
  private final List<FileParser> fileParsers = new ArrayList<>();
  private final List<DirectoryParser> directoryParsers = new ArrayList<>();
  private final List<RecordEnricher> enrichers = new ArrayList<>();

  public ParserRegistry(Collection<? extends Parser> parsers) {
    this(parsers, List.of());
  }

  public ParserRegistry(Collection<? extends Parser> parsers, Collection<? extends RecordEnricher> enrichers) {
    this.enrichers.addAll(enrichers);
    for (Parser p : parsers) {
      String name = p.name();
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "parser " + p.getClass().getName() + " has an invalid name '" + name
                + "': use 1 to 40 lowercase letters, digits and '-'");
      }
      Parser previous = byName.putIfAbsent(name, p);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two parsers are called '" + name + "': " + previous.getClass().getName() + " and "
                + p.getClass().getName());
      }
      if (p instanceof FileParser f) {
        fileParsers.add(f);
      }
      if (p instanceof DirectoryParser d) {
        directoryParsers.add(d);
      }
    }
    Comparator<Parser> order =
        Comparator.comparingInt(Parser::priority).reversed().thenComparing(Parser::name);
    fileParsers.sort(order);
    directoryParsers.sort(order);
  }

  /** Every parser on the classpath. */
  public static ParserRegistry loadDefault() {
    return loadExcluding(Set.of());
  }

  /** Every parser on the classpath but the named ones. */
  public static ParserRegistry loadExcluding(Set<String> excluded) {
    ClassLoader loader = ParserRegistry.class.getClassLoader();
    List<Parser> found = new ArrayList<>();
    for (Parser p : ServiceLoader.load(Parser.class, loader)) {
      if (!excluded.contains(p.name())) {
        found.add(p);
      }
    }
    List<RecordEnricher> enrichers = new ArrayList<>();
    ServiceLoader.load(RecordEnricher.class, loader).forEach(enrichers::add);
    return new ParserRegistry(found, enrichers);
  }

  /** Looks a parser up by name; the error lists the names that exist. */
  public Parser lookup(String name) {
    Parser p = byName.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "no parser is called '" + name + "'. The parsers on the classpath are: " + byName.keySet());
    }
    return p;
  }

  public Set<String> names() {
    return byName.keySet();
  }

  /** File parsers, highest priority first. */
  public List<FileParser> fileParsers() {
    return fileParsers;
  }

  /** Directory parsers, highest priority first. */
  public List<DirectoryParser> directoryParsers() {
    return directoryParsers;
  }

  /** Enrichers applied to every parsed unit's records. */
  public List<RecordEnricher> enrichers() {
    return enrichers;
  }

  /** The file parser that reads this file, or null if none does. */
  public FileParser fileParserFor(FileCandidate file) {
    for (FileParser p : fileParsers) {
      if (p.supports(file)) {
        return p;
      }
    }
    return null;
  }
}
