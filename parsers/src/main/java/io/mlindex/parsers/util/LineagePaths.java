package io.mlindex.parsers.util;

import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.regex.Pattern;

/**
 * Normalises the paths records name as inputs and outputs: relative ones resolve against the
 * declaring file's folder; paths from another machine ({@code C:\data\x.csv}, {@code ~/x},
 * {@code file:///Users/...}) are kept, spelled with '/', and marked foreign and uncertain, so that
 * they match only by their trailing components.
 */
public final class LineagePaths {
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/].*");
  private static final Pattern URL = Pattern.compile("^[a-z][a-z0-9+.-]*://.*", Pattern.CASE_INSENSITIVE);
  /** Most trailing components indexed as suffixes of one path. */
  public static final int MAX_SUFFIX_COMPONENTS = 12;

  private LineagePaths() {}

  /** A reference for a path as written in a file that lives in {@code base} (a folder). */
  public static LineageRef ref(String written, Path base, String via) {
    String w = written.trim();
    if (w.startsWith("file://")) {
      w = w.substring("file://".length());
      if (w.startsWith("localhost/")) {
        w = w.substring("localhost".length());
      }
    }
    if (DRIVE.matcher(w).matches() || w.startsWith("~") || w.contains("\\") || URL.matcher(w).matches()) {
      return foreign(w.replace('\\', '/'), via);
    }
    try {
      Path p = w.startsWith("/") ? base.getFileSystem().getPath(w) : base.resolve(w);
      return LineageRef.path(PosixPaths.of(p), via);
    } catch (InvalidPathException e) {
      return foreign(w, via);
    }
  }

  private static LineageRef foreign(String path, String via) {
    return new LineageRef(path, null, "foreign", null, null, via, Boolean.TRUE);
  }

  /** Whether a path is an absolute POSIX path on this machine's spelling. */
  public static boolean isLocal(String path) {
    return path != null && path.startsWith("/") && !path.contains("\\");
  }

  /**
   * The trailing component sequences of a path, shortest first: {@code /a/b/c.csv} gives
   * {@code c.csv}, {@code b/c.csv}, {@code a/b/c.csv}. A drive letter or URL scheme is never part of
   * a suffix.
   */
  public static List<String> suffixes(String path) {
    List<String> out = new ArrayList<>();
    if (path == null || path.isEmpty()) {
      return out;
    }
    String p = path.replace('\\', '/');
    String[] parts = p.split("/+");
    StringBuilder sb = new StringBuilder();
    for (int i = parts.length - 1, n = 0; i >= 0 && n < MAX_SUFFIX_COMPONENTS; i--) {
      String part = parts[i];
      if (part.isEmpty() || (i == 0 && (part.endsWith(":") || part.equals("~")))) {
        break;
      }
      sb.insert(0, sb.length() == 0 ? part : part + "/");
      out.add(sb.toString());
      n++;
    }
    return out;
  }

  /**
   * Normalises every path in a record's lineage in place: relative paths resolve against {@code
   * base}, foreign ones are marked. Parsers that already wrote absolute paths are unaffected.
   */
  public static void normalise(Record r, Path base) {
    normalise(r.getLineage().getInputs(), base);
    normalise(r.getLineage().getOutputs(), base);
  }

  private static void normalise(List<LineageRef> refs, Path base) {
    for (int i = 0; i < refs.size(); i++) {
      LineageRef ref = refs.get(i);
      if (ref.path() == null || isLocal(ref.path()) || "foreign".equals(ref.kind())) {
        continue;
      }
      LineageRef n = ref(ref.path(), base, ref.via());
      refs.set(i, new LineageRef(n.path(), ref.ref(), n.kind() != null ? n.kind() : ref.kind(), ref.hash(), ref.size(), ref.via(),
          n.uncertain() != null ? n.uncertain() : ref.uncertain()));
    }
  }

}
