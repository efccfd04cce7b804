package io.mlindex.parsers.models.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.models.ModelFileRecords;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.record.Record;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * A safetensors file: an 8-byte little-endian header length, a JSON header naming every tensor
 * ({@code dtype}, {@code shape}, {@code data_offsets}) and an optional {@code __metadata__} map of
 * strings, then the raw tensor bytes, which are never read. Facts: tensor count, total parameters,
 * dtype counts, a sample of names and shapes, the metadata, header size and whether the data is
 * all there.
 */
public final class SafetensorsParser implements FileParser {
  /** The largest header the reference implementation accepts (safetensors' MAX_HEADER_SIZE). */
  static final long MAX_HEADER_BYTES = 100_000_000L;

  static final String FORMAT = "safetensors";

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
    return file.hasExtension(".safetensors");
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = ModelFileRecords.startModel(FORMAT, file, context);
    long size = Files.size(file.path());
    if (size < 8) {
      r.warn(file.name() + ": " + (size == 0 ? "the file is empty" : "only " + size + " bytes, too short for a safetensors header"));
      return List.of(r);
    }
    long headerLength;
    try (InputStream in = Files.newInputStream(file.path())) {
      byte[] prefix = in.readNBytes(8);
      headerLength = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
      String refusal = refusal(headerLength, size, Math.min(MAX_HEADER_BYTES, context.limits().maxReadBytes()));
      if (refusal != null) {
        r.warn(file.name() + ": the header claims " + Long.toUnsignedString(headerLength) + " bytes, " + refusal
            + "; not a readable safetensors file");
        return List.of(r);
      }
      byte[] header = in.readNBytes((int) headerLength);
      if (header.length < headerLength) {
        r.warn(file.name() + ": the file ended inside the header");
        return List.of(r);
      }
      r.property("header_size", headerLength);
      SafetensorsHeader h = new SafetensorsHeader();
      readHeader(header, h, r, file, context);
      h.describe(r, size - 8 - headerLength, file.name());
    }
    return List.of(r);
  }

  /** Why a header length cannot be read, or null when it can: it is checked before any allocation. */
  private static String refusal(long headerLength, long size, long bound) {
    if (headerLength <= 0 || headerLength > size - 8) {
      return "but the file has " + (size - 8) + " after the length field";
    }
    if (headerLength > bound) {
      return "more than the " + bound + " a header may have here";
    }
    return null;
  }

  private static void readHeader(
      byte[] header, SafetensorsHeader h, Record r, FileCandidate file, ParseContext context) {
    try (JsonParser p = JsonTrees.stream(new ByteArrayInputStream(header))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        r.warn(file.name() + ": the header is not a JSON object");
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        context.checkDeadline();
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("__metadata__".equals(name)) {
          readMetadata(p, value, h);
        } else if (value == JsonToken.START_OBJECT) {
          readTensor(p, name, h);
        } else {
          p.skipChildren();
          h.problem("entry '" + name + "' is not a tensor description");
        }
      }
    } catch (JsonProcessingException e) {
      r.warn(file.name() + ": the header is not valid JSON (" + e.getOriginalMessage()
          + "); kept the " + h.tensorCount() + " tensors read before");
    } catch (IOException e) {
      r.warn(file.name() + ": the header could not be read: " + e.getMessage());
    }
  }

  private static void readMetadata(JsonParser p, JsonToken value, SafetensorsHeader h) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      if (value != JsonToken.VALUE_NULL) {
        h.problem("__metadata__ is not an object");
      }
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      if (t.isScalarValue()) {
        h.metadata(key, t == JsonToken.VALUE_NULL ? null : p.getText());
      } else {
        p.skipChildren();
        h.problem("__metadata__ value '" + key + "' is not a string");
      }
    }
  }

  private static void readTensor(JsonParser p, String name, SafetensorsHeader h) throws IOException {
    String dtype = null;
    long[] shape = null;
    long[] offsets = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "dtype" -> {
          dtype = t == JsonToken.VALUE_STRING ? p.getText() : null;
          p.skipChildren();
        }
        case "shape" -> shape = longs(p, t);
        case "data_offsets" -> offsets = longs(p, t);
        default -> p.skipChildren();
      }
    }
    if (dtype == null || shape == null) {
      h.problem("tensor '" + name + "' has no usable dtype or shape");
    }
    h.tensor(name, dtype, shape, offsets != null && offsets.length == 2 ? offsets : null);
  }

  /** A JSON array of non-negative integers, or null when it is anything else. */
  private static long[] longs(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    List<Long> values = new ArrayList<>();
    boolean ok = true;
    JsonToken e;
    while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) {
      if (e == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
          && p.getLongValue() >= 0 && values.size() < 64) {
        values.add(p.getLongValue());
      } else {
        ok = false;
        p.skipChildren();
      }
    }
    return ok ? values.stream().mapToLong(Long::longValue).toArray() : null;
  }
}
