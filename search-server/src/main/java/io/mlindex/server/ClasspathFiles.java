package io.mlindex.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Files bundled on the classpath (the web UI, WebJars, the OpenAPI document), read once and kept.
 * Only names of plain segments with a known extension are looked up, so a request cannot reach
 * other resources (no {@code ..}, no class files, no folder listings) and nothing on disk.
 */
final class ClasspathFiles {
  /** Largest file served (the UI's biggest library is well below this). */
  static final int MAX_BYTES = 8 << 20;

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@+-][A-Za-z0-9._@+-]{0,127}");

  static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json; charset=utf-8"),
      Map.entry("map", "application/json; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("woff", "font/woff"),
      Map.entry("txt", "text/plain; charset=utf-8"));

  record File(byte[] bytes, String type) {}

  private final ClassLoader loader = ClasspathFiles.class.getClassLoader();
  /** Only files that exist are kept, so requests for made-up names cannot grow it. */
  private final Map<String, File> cache = new ConcurrentHashMap<>();

  /** The file at {@code base + relative}, if the name is acceptable and it exists. */
  Optional<File> get(String base, String relative) {
    if (relative == null || relative.length() > 1024) {
      return Optional.empty();
    }
    String[] segments = relative.split("/", -1);
    for (String s : segments) {
      if (!SEGMENT.matcher(s).matches() || s.contains("..")) {
        return Optional.empty();
      }
    }
    String last = segments[segments.length - 1];
    int dot = last.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(last.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (type == null) {
      return Optional.empty();
    }
    String name = base + relative;
    File cached = cache.get(name);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<File> read = read(name, type);
    read.ifPresent(f -> cache.put(name, f));
    return read;
  }

  private Optional<File> read(String name, String type) {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException(name + " is larger than " + MAX_BYTES + " bytes");
      }
      return Optional.of(new File(bytes, type));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled file " + name, e);
    }
  }
}
