package io.mlindex.parsers.dvc;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.LineageRef;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * One dependency or output as DVC writes it: in {@code dvc.lock} and {@code .dvc} files a map with
 * {@code path} and its hash ({@code md5}, or {@code etag}/{@code checksum} for remote data), {@code
 * size} and {@code nfiles} (folders, whose md5 ends in {@code .dir}); in {@code dvc.yaml} a bare
 * path or a one-key map {@code {path: {cache: false}}}. Imports carry the source repository.
 *
 * @param path the path as written (relative to the stage's working folder), or a URL
 * @param hash {@code md5:<hex>[.dir]}, {@code etag:...} or {@code checksum:...}; null if none
 * @param size bytes, or null
 * @param nfiles files in a folder output, or null
 * @param repoUrl the repository of a {@code dvc import}, or null
 * @param repoRev the locked revision of that repository, or null
 * @param metric whether a legacy stage file marks this output as a metric
 */
record DvcEntry(
    String path, String hash, Long size, Long nfiles, String repoUrl, String repoRev, boolean metric) {

  private static final String[] HASH_FIELDS = {"md5", "etag", "checksum"};

  /** An entry from a lock or {@code .dvc} file; null when it has no path. */
  static DvcEntry fromLocked(JsonNode n) {
    if (n == null || !n.isObject() || !n.path("path").isValueNode()) {
      return null;
    }
    String hash = null;
    for (String field : HASH_FIELDS) {
      JsonNode v = n.get(field);
      if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isEmpty()) {
        hash = field + ":" + v.asText();
        break;
      }
    }
    JsonNode repo = n.path("repo");
    String repoUrl = repo.path("url").isTextual() ? repo.path("url").asText() : null;
    String rev = repo.path("rev_lock").isTextual() ? repo.path("rev_lock").asText() : null;
    boolean metric = n.path("metric").asBoolean(false) || n.path("metric").isObject();
    return new DvcEntry(
        n.get("path").asText(), hash, longOrNull(n.get("size")), longOrNull(n.get("nfiles")), repoUrl, rev, metric);
  }

  /** An entry declared in {@code dvc.yaml}: a path, or a map whose one key is the path. */
  static DvcEntry fromDeclared(JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isTextual() || n.isNumber()) {
      return n.asText().isEmpty() ? null : declared(n.asText());
    }
    if (n.isObject() && n.size() >= 1) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      return declared(it.next().getKey());
    }
    return null;
  }

  private static DvcEntry declared(String path) {
    return new DvcEntry(path, null, null, null, null, null, false);
  }

  DvcEntry withPath(String newPath) {
    return new DvcEntry(newPath, hash, size, nfiles, repoUrl, repoRev, metric);
  }

  boolean isDir() {
    return (hash != null && hash.endsWith(".dir")) || nfiles != null;
  }

  boolean isUrl() {
    return path.contains("://");
  }

  /** A lineage reference, the path resolved against the stage's working folder. */
  LineageRef toRef(Path workDir, String via) {
    LineageRef ref;
    if (repoUrl != null) {
      ref = LineageRef.named(repoUrl + "#" + path + (repoRev != null ? "@" + repoRev : ""), "dvc-import", via);
    } else if (isUrl()) {
      ref = LineageRef.named(path, "url", via);
    } else {
      ref = LineageRef.path(resolve(workDir, path), via);
    }
    if (hash != null || size != null) {
      ref = ref.withHash(hash, size);
    }
    return isDir() && ref.kind() == null ? ref.withKind("dir") : ref;
  }

  /** The absolute POSIX path of a path written relative to a folder (absolute ones stay). */
  static String resolve(Path folder, String path) {
    String p = path.replace('\\', '/');
    Path resolved = p.startsWith("/") ? folder.getFileSystem().getPath(p) : folder.resolve(p);
    return PosixPaths.of(resolved);
  }

  private static Long longOrNull(JsonNode v) {
    return v != null && v.canConvertToLong() && v.isIntegralNumber() ? v.asLong() : null;
  }
}
