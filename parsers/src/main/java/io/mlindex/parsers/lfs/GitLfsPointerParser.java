package io.mlindex.parsers.lfs;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.BoundedReads;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Git LFS pointer file, whatever it is called: a small text file that stands in for content
 * that was never fetched ({@code version https://git-lfs.github.com/spec/v1}, {@code oid
 * sha256:<hex>}, {@code size <n>}). It ranks above every format parser, so that a model or event
 * file that is only a pointer is reported as such instead of as a damaged file of its format.
 */
public final class GitLfsPointerParser implements FileParser {
  /** The spec caps pointers below 1024 bytes; allow some slack for extension lines. */
  static final int MAX_POINTER_BYTES = 2048;

  private static final String[] VERSIONS = {
    "version https://git-lfs.github.com/spec/v1", "version https://hawser.github.com/spec/v1"
  };
  private static final Pattern OID = Pattern.compile("(?m)^oid sha256:([0-9a-fA-F]{64})\\s*$");
  private static final Pattern SIZE = Pattern.compile("(?m)^size (\\d{1,19})\\s*$");

  @Override
  public String name() {
    return "git-lfs-pointer";
  }

  @Override
  public int priority() {
    return 1000;
  }

  @Override
  public boolean supports(FileCandidate file) {
    if (file.size() > MAX_POINTER_BYTES || file.size() < VERSIONS[0].length()) {
      return false;
    }
    String head = file.headText();
    for (String v : VERSIONS) {
      if (head.startsWith(v + "\n") || head.startsWith(v + "\r\n")) {
        return OID.matcher(head).find();
      }
    }
    return false;
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = new Record(RecordKind.ARTIFACT, "git-lfs-pointer", PosixPaths.of(file.path()));
    r.setName(file.name());
    r.source(r.getPath());
    r.setSize(file.size());
    String text = new String(BoundedReads.readBytes(file.path(), MAX_POINTER_BYTES), StandardCharsets.UTF_8);
    Matcher oid = OID.matcher(text);
    if (oid.find()) {
      String hex = oid.group(1).toLowerCase(Locale.ROOT);
      r.property("oid", hex);
      r.setHash("sha256:" + hex);
    }
    Matcher size = SIZE.matcher(text);
    if (size.find()) {
      try {
        r.property("size", Long.parseLong(size.group(1)));
      } catch (NumberFormatException e) {
        r.warn("Git LFS pointer: the size line is not a number");
      }
    }
    r.warn("Git LFS pointer: content not present");
    return List.of(r);
  }
}
