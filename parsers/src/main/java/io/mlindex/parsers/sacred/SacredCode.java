package io.mlindex.parsers.sacred;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.BoundedReads;
import io.mlindex.parsers.util.Frameworks;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.parsers.util.PythonSource;
import io.mlindex.record.CodeRef;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code experiment} section of a Sacred run: main file, source files (with the copies the
 * observer keeps in {@code <basedir>/_sources/}, whose names end in the content's md5), git
 * repositories and package dependencies. The main file's stored copy, when present, gives the
 * imports.
 */
final class SacredCode {
  private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern STORED_MD5 = Pattern.compile(".*_([0-9a-f]{32})(\\.[^./]*)?$");

  private SacredCode() {}

  static void into(Record r, JsonNode experiment, Path observerDir, ParseContext context) {
    CodeRef code = r.getCode();
    String mainfile = text(experiment, "mainfile");
    code.setScript(mainfile);
    r.property("base_dir", text(experiment, "base_dir"));
    JsonNode deps = experiment.path("dependencies");
    if (deps.isArray()) {
      deps.forEach(d -> CodeRef.addDistinct(code.getPackages(), d.asText()));
    }
    repositories(r, experiment.path("repositories"));
    List<String> names = new ArrayList<>();
    List<String> copies = new ArrayList<>();
    Path mainCopy = null;
    for (JsonNode s : experiment.path("sources")) {
      String name = s.isArray() ? s.path(0).asText(null) : s.asText(null);
      String stored = s.isArray() ? s.path(1).asText(null) : null;
      if (name == null) {
        continue;
      }
      names.add(name);
      if (stored == null || MD5.matcher(stored).matches() || observerDir == null) {
        continue; // older Sacred stored the md5 here, not a copy
      }
      Path copy = observerDir.resolve(stored.replace('\\', '/')).normalize();
      if (Files.isRegularFile(copy)) {
        copies.add(PosixPaths.of(copy));
        if (name.equals(mainfile)) {
          mainCopy = copy;
        }
      }
    }
    r.property("sources", names.isEmpty() ? null : names);
    r.property("source_files", copies.isEmpty() ? null : copies);
    if (mainCopy != null) {
      imports(r, mainCopy, context);
    }
  }

  /** The first repository goes into the code reference; all of them (deduplicated) into properties. */
  private static void repositories(Record r, JsonNode repos) {
    List<Map<String, Object>> distinct = new ArrayList<>();
    for (JsonNode repo : repos) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("url", text(repo, "url"));
      m.put("commit", text(repo, "commit"));
      m.put("dirty", repo.path("dirty").isBoolean() ? repo.get("dirty").asBoolean() : null);
      if (!distinct.contains(m)) {
        distinct.add(m);
      }
    }
    if (distinct.isEmpty()) {
      return;
    }
    Map<String, Object> first = distinct.get(0);
    r.getCode().setGitCommit((String) first.get("commit"));
    r.getCode().setGitRemote((String) first.get("url"));
    r.getCode().setGitDirty((Boolean) first.get("dirty"));
    r.property("repositories", distinct);
  }

  private static void imports(Record r, Path copy, ParseContext context) {
    try {
      String code = BoundedReads.readString(copy, context.limits().maxReadBytes());
      r.source(PosixPaths.of(copy));
      PythonSource.imports(code).forEach(i -> CodeRef.addDistinct(r.getCode().getImports(), i));
      Frameworks.of(r.getCode().getImports()).forEach(f -> CodeRef.addDistinct(r.getCode().getFrameworks(), f));
    } catch (IOException e) {
      r.warn("the stored copy of the main file could not be read: " + e.getMessage());
    }
  }

  /** The md5 in the name of a file the observer stored ({@code data_<md5>.csv}), or null. */
  static String storedMd5(String storedName) {
    var m = STORED_MD5.matcher(storedName);
    return m.matches() ? m.group(1) : null;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
  }
}
