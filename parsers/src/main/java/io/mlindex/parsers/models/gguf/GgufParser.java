package io.mlindex.parsers.models.gguf;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.models.ModelFileRecords;
import io.mlindex.parsers.util.MalformedFileException;
import io.mlindex.record.Record;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * A GGUF model (llama.cpp / ggml): version, tensor and key/value counts, every metadata value
 * ({@code metadata.<key>}; arrays as {@code .array_type}, {@code .length}, {@code .head}), the
 * architecture, context length, quantisation (file type) and the parameter count from the tensor
 * infos.
 */
public final class GgufParser implements FileParser {
  static final String FORMAT = "gguf";

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
    return file.hasExtension(".gguf");
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = ModelFileRecords.startModel(FORMAT, file, context);
    if (file.size() == 0) {
      r.warn(file.name() + ": the file is empty");
      return List.of(r);
    }
    try (GgufInput in = new GgufInput(Files.newByteChannel(file.path()))) {
      new GgufReader(in, r, context).read();
    } catch (EOFException e) {
      r.warn(file.name() + ": truncated: " + e.getMessage() + "; the facts read before are kept");
    } catch (MalformedFileException | ArithmeticException e) {
      r.warn(file.name() + ": " + e.getMessage());
    }
    return List.of(r);
  }
}
