package io.mlindex.parsers.models.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.models.ModelFileRecords;
import io.mlindex.record.Record;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * An ONNX model ({@code .onnx}): IR version, producer, opset imports, graph name, inputs and
 * outputs with their types, node and op-type counts, initializers and their total elements
 * (the parameter count), metadata props. External data files are named, never opened.
 */
public final class OnnxParser implements FileParser {
  static final String FORMAT = "onnx";
  private static final int BUFFER = 64 * 1024;

  @Override
  public String name() {
    return FORMAT;
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.hasExtension(".onnx");
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = ModelFileRecords.startModel(FORMAT, file, context);
    if (file.size() == 0) {
      r.warn(file.name() + ": the file is empty");
      return List.of(r);
    }
    OnnxModelSummary summary = new OnnxModelSummary();
    CodedInputStream coded = null;
    try (InputStream in = Files.newInputStream(file.path())) {
      coded = CodedInputStream.newInstance(in, BUFFER);
      coded.setSizeLimit(Integer.MAX_VALUE);
      new OnnxModelReader(summary, context).readModel(coded);
    } catch (InvalidProtocolBufferException e) {
      long at = coded == null ? 0 : coded.getTotalBytesRead();
      r.warn(file.name() + ": " + (summary.looksLikeOnnx() ? "truncated or damaged" : "not a readable ONNX model")
          + " at byte " + at + " (" + e.getMessage() + ")"
          + (summary.looksLikeOnnx() ? "; the facts read before are kept" : ""));
    }
    if (!summary.looksLikeOnnx()) {
      r.warn(file.name() + ": no ONNX ModelProto fields (ir_version, opset_import, graph) were found; not an ONNX model");
    } else {
      missing(summary, r, file);
    }
    if (summary.initializerNamesCut) {
      r.warn(file.name() + ": more than " + OnnxModelSummary.MAX_INITIALIZER_NAMES
          + " initializers; inputs excluding initializers may list some initializers");
    }
    summary.describe(r);
    return List.of(r);
  }

  /** A field-boundary truncation still parses; what every model must have shows it. */
  private static void missing(OnnxModelSummary summary, Record r, FileCandidate file) {
    if (!summary.graphSeen) {
      r.warn(file.name() + ": the model has no graph (truncated file?)");
    }
    if (summary.opsets.isEmpty()) {
      r.warn(file.name() + ": the model has no opset_import (truncated file?)");
    }
  }
}
