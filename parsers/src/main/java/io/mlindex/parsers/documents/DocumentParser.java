package io.mlindex.parsers.documents;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;

/**
 * The shared reading of a document format through Tika: a {@code document} record with the full
 * text (bounded), title, author, created date, media type, and the folder it sits in, so that a
 * report or README next to a run or a model can be linked to it. Subclasses say which files they
 * take. Every document parser ranks below every specific format: a file another parser wants is
 * not a document.
 */
abstract class DocumentParser implements FileParser {
  static final int PRIORITY = -100;

  /** The record format, which is also the parser name. */
  abstract String format();

  /** The media type to parse as, or null to let Tika detect it from the bytes. */
  abstract String mediaType();

  /** Whether a file too big to read whole still gets a record (without text). */
  boolean recordWhenTooLarge() {
    return true;
  }

  /** A title from the text when the document's metadata has none. */
  String titleFromText(String text) {
    return null;
  }

  @Override
  public String name() {
    return format();
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = new Record(RecordKind.DOCUMENT, format(), PosixPaths.of(file.path()));
    r.setName(file.name());
    r.source(r.getPath());
    r.setSize(file.size());
    Path folder = file.path().toAbsolutePath().getParent();
    if (folder != null) {
      r.property("folder", PosixPaths.of(folder));
    }
    long limit = context.limits().maxReadBytes();
    if (file.size() > limit) {
      if (!recordWhenTooLarge()) {
        return List.of();
      }
      r.warn(file.name() + ": " + file.size() + " bytes, more than limits.max_read_bytes (" + limit
          + "); text not extracted");
      return List.of(r);
    }
    if (file.size() == 0) {
      r.warn(file.name() + ": empty file");
      return List.of(r);
    }
    TikaExtractor.Extraction x = TikaExtractor.extract(file.path(), mediaType(), context);
    if (x.problem() != null) {
      r.warn(file.name() + ": " + x.problem());
    }
    describe(x.metadata(), r);
    String text = x.text();
    if (!text.isEmpty()) {
      r.setText(text);
    } else if (x.problem() == null) {
      r.warn(file.name() + ": no text could be extracted");
    }
    r.property("text_truncated", x.truncated() ? true : null);
    if (!r.getProperties().containsKey("title")) {
      r.property("title", titleFromText(text));
    }
    return List.of(r);
  }

  /** Copies in notebook checkpoint folders are not documents of their own. */
  static boolean inCheckpointFolder(FileCandidate file) {
    for (Path p : file.path()) {
      if (p.toString().equals(".ipynb_checkpoints")) {
        return true;
      }
    }
    return false;
  }

  private void describe(Metadata m, Record r) {
    if (m == null) {
      return;
    }
    r.property("media_type", mediaType() != null ? mediaType() : baseType(m.get(Metadata.CONTENT_TYPE)));
    r.property("title", nonBlank(m.get(TikaCoreProperties.TITLE)));
    String[] authors = m.getValues(TikaCoreProperties.CREATOR);
    if (authors.length == 1) {
      r.property("author", nonBlank(authors[0]));
    } else if (authors.length > 1) {
      r.property("author", List.of(authors));
    }
    r.property("created", nonBlank(m.get(TikaCoreProperties.CREATED)));
    Integer pages = m.getInt(PagedText.N_PAGES);
    r.property("pages", pages);
  }

  private static String baseType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
