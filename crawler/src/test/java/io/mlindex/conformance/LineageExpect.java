package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.record.LineageRef;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares expected lineage entries (a path relative to some folder, with an optional md5 and
 * size; or a bare path string) with harvested references. Each entry is one fact: the reference
 * with that resolved path exists and carries that hash and size. The count of references is one
 * more fact, so that extra or missing ones show.
 */
final class LineageExpect {
  private LineageExpect() {}

  static void compare(ManifestEntry e, String side, JsonNode expected, List<LineageRef> actual, Path base, Tally tally) {
    if (!expected.isArray()) {
      return;
    }
    int certain = 0;
    for (JsonNode item : expected) {
      if (Expect.uncertain(item)) {
        continue;
      }
      certain++;
      String rel = item.isTextual() ? item.asText() : item.path("path").asText();
      String path = base.resolve(rel).normalize().toString();
      LineageRef ref = actual.stream().filter(r -> path.equals(r.path())).findFirst().orElse(null);
      String md5 = item.path("md5").asText(null);
      Long size = item.path("size").isNumber() ? item.get("size").asLong() : null;
      boolean ok = ref != null
          && (md5 == null || ("md5:" + md5).equals(ref.hash()))
          && (size == null || size.equals(ref.size()));
      String want = path + (md5 == null ? "" : " md5:" + md5) + (size == null ? "" : " size " + size);
      String got = ref == null ? "no such reference" : ref.path() + " " + ref.hash() + " size " + ref.size();
      tally.fact(e, side + " " + rel, ok, want, got);
    }
    if (certain == expected.size()) {
      tally.fact(e, side + " count", certain == actual.size(), certain, actual.size());
    }
  }
}
