package io.mlindex.parsers.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.util.FileRecords;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Jupyter notebook ({@code .ipynb}, nbformat 4 and 3), read as a stream so that notebooks full of
 * images cost little memory: kernel and language, cell counts and execution facts (cells run,
 * errors and their names, out-of-order execution, papermill start, end, duration and exception),
 * markdown, code and output text as searchable text, printed metrics, imports and frameworks,
 * installed packages, papermill params (the injected value wins) and guessed params (see {@code
 * params_source}), and lineage read statically from the code. Copies under {@code
 * .ipynb_checkpoints} are skipped.
 */
public final class NotebookParser implements FileParser {

  @Override
  public String name() {
    return "notebook";
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.hasExtension(".ipynb") && !FileRecords.inCheckpointFolder(file.path());
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = new Record(RecordKind.NOTEBOOK, "notebook", PosixPaths.of(file.path()));
    r.setName(file.name());
    r.source(r.getPath());
    r.setSize(file.size());
    NotebookHarvest harvest = new NotebookHarvest(r, context);
    NotebookJson.Header header;
    try (InputStream in = Files.newInputStream(file.path())) {
      header = NotebookJson.read(in, context, harvest::cell);
    }
    if (header.error() != null) {
      r.warn(file.name() + ": not a readable notebook: " + header.error()
          + (header.cells() > 0 ? " (" + header.cells() + " cells read before it)" : ""));
    } else if (!header.hasCells()) {
      r.warn(file.name() + ": the notebook has no cells");
    }
    r.property("nbformat", header.nbformat());
    r.property("nbformat_minor", header.nbformatMinor());
    String language = readMetadata(header.metadata(), r);
    harvest.finish(language, file.path().toAbsolutePath().getParent());
    return List.of(r);
  }

  /** Kernel, language and papermill facts; returns the language in lower case, or null. */
  private static String readMetadata(JsonNode meta, Record r) {
    JsonNode kernel = meta.path("kernelspec");
    r.property("kernel", textOrNull(kernel.path("name")));
    r.property("kernel_display_name", textOrNull(kernel.path("display_name")));
    JsonNode lang = meta.path("language_info");
    String language = textOrNull(lang.path("name"));
    if (language == null) {
      language = textOrNull(kernel.path("language"));
    }
    if (language == null) {
      language = textOrNull(meta.path("language"));
    }
    r.property("language", language);
    r.property("language_version", textOrNull(lang.path("version")));
    papermill(meta.path("papermill"), r);
    return language == null ? null : language.toLowerCase(Locale.ROOT);
  }

  private static void papermill(JsonNode papermill, Record r) {
    if (!papermill.isObject()) {
      return;
    }
    Map<String, Object> pm = new LinkedHashMap<>();
    Flatten.into(pm, "papermill", papermill);
    pm.forEach((k, v) -> {
      if (v != null && !(v instanceof Map) && !k.startsWith("papermill.parameters.")) {
        r.property(k, v);
      }
    });
    r.getTime().setStart(instant(papermill.path("start_time")));
    r.getTime().setEnd(instant(papermill.path("end_time")));
    if (papermill.path("exception").asBoolean(false)) {
      r.warn(r.getName() + ": papermill recorded an exception while executing this notebook");
    }
    // papermill also writes the injected parameters into the metadata; cells give them first
    Map<String, Object> injected = new LinkedHashMap<>();
    Flatten.into(injected, "", papermill.path("parameters"));
    injected.forEach((k, v) -> r.getParams().putIfAbsent(k, v));
  }

  /** Papermill writes naive UTC times ({@code 2021-03-01T10:00:00.123456}); some tools add an offset. */
  static Instant instant(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return null;
    }
    String s = node.asText();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static String textOrNull(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? null : n.asText();
  }
}
