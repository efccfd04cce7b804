package io.mlindex.parsers.data.parquet;

import io.mlindex.parsers.FileCandidate;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.data.DatasetRecords;
import io.mlindex.record.Record;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A Parquet file as a dataset, read from its footer only (the file ends with the footer, its
 * 4-byte little-endian length and {@code PAR1}): schema with nested columns as dotted names and
 * their types, row count, row groups, the writer ({@code created_by}) and the key-value metadata
 * keys ({@code pandas} metadata is flagged). No page is read.
 */
public final class ParquetParser implements FileParser {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENCRYPTED_MAGIC = "PARE".getBytes(StandardCharsets.US_ASCII);

  @Override
  public String name() {
    return "parquet";
  }

  @Override
  public int priority() {
    return DatasetRecords.PRIORITY;
  }

  @Override
  public boolean supports(FileCandidate file) {
    return (file.hasExtension(".parquet", ".parq") || file.startsWith(MAGIC))
        && !DatasetRecords.inCheckpointFolder(file.path());
  }

  @Override
  public List<Record> parse(FileCandidate file, ParseContext context) throws IOException {
    Record r = DatasetRecords.start(file, "parquet", context);
    byte[] footer = readFooter(file, r, context.limits().maxReadBytes());
    if (footer == null) {
      return List.of(r);
    }
    ParquetFooter f = ParquetFooter.decode(footer);
    if (f.problem() != null) {
      r.warn(file.name() + ": corrupt Parquet footer: " + f.problem());
    }
    r.property("parquet_version", f.version);
    if (f.numRows != null) {
      r.property("rows", f.numRows);
      r.property("rows_estimated", false);
    }
    r.property("row_groups", f.rowGroups);
    r.property("created_by", f.createdBy);
    describeSchema(file, f, r);
    if (f.metadataKeyCount > 0) {
      r.property("metadata_keys", new ArrayList<>(f.metadataKeys));
      r.property("pandas_metadata", f.metadataKeys.contains("pandas"));
    }
    return List.of(r);
  }

  /** The footer bytes, or null (with a warning) when the tail is not a readable Parquet footer. */
  private static byte[] readFooter(FileCandidate file, Record r, long limit) throws IOException {
    try (SeekableByteChannel ch = Files.newByteChannel(file.path())) {
      long size = ch.size();
      if (size < 12) {
        r.warn(file.name() + ": " + size + " bytes is too small for a Parquet file");
        return null;
      }
      if (!file.startsWith(MAGIC)) {
        r.warn(file.name() + ": does not start with PAR1");
      }
      ByteBuffer tail = readAt(ch, size - 8, 8);
      byte[] magic = new byte[4];
      tail.position(4);
      tail.get(magic);
      if (Arrays.equals(magic, ENCRYPTED_MAGIC)) {
        r.warn(file.name() + ": the footer is encrypted (PARE); schema and rows not read");
        return null;
      }
      if (!Arrays.equals(magic, MAGIC)) {
        r.warn(file.name() + ": corrupt Parquet footer: the file does not end with PAR1 (truncated or not Parquet)");
        return null;
      }
      long length = Integer.toUnsignedLong(tail.order(ByteOrder.LITTLE_ENDIAN).getInt(0));
      if (length == 0 || length > size - 12) {
        r.warn(file.name() + ": corrupt Parquet footer: its length " + length
            + " does not fit in a file of " + size + " bytes");
        return null;
      }
      if (length > limit) {
        r.warn(file.name() + ": the Parquet footer is " + length
            + " bytes, more than limits.max_read_bytes (" + limit + "); not read");
        return null;
      }
      return readAt(ch, size - 8 - length, (int) length).array();
    }
  }

  private static ByteBuffer readAt(SeekableByteChannel ch, long position, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    ch.position(position);
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        throw new IOException("the file ended while reading " + length + " bytes at " + position);
      }
    }
    buf.flip();
    return buf;
  }

  /** Leaf columns as dotted paths below the root, with their physical and logical types. */
  private static void describeSchema(FileCandidate file, ParquetFooter f, Record r) {
    if (f.schema.isEmpty()) {
      return;
    }
    List<String> columns = new ArrayList<>();
    List<String> types = new ArrayList<>();
    int leaves = 0;
    Deque<Group> open = new ArrayDeque<>();
    open.push(new Group("", f.schema.get(0).children()));
    for (int i = 1; i < f.schema.size(); i++) {
      while (!open.isEmpty() && open.peek().remaining == 0) {
        open.pop();
      }
      if (open.isEmpty()) {
        r.warn(file.name() + ": the Parquet schema has more elements than its root declares");
        break;
      }
      Group parent = open.peek();
      parent.remaining--;
      ParquetFooter.SchemaElement e = f.schema.get(i);
      String path = parent.path.isEmpty() ? e.name() : parent.path + "." + e.name();
      if (e.children() > 0) {
        open.push(new Group(path, e.children()));
        continue;
      }
      leaves++;
      if (columns.size() < ParquetFooter.MAX_LISTED) {
        columns.add(path);
        types.add(path + ": " + typeName(e));
      }
    }
    if (f.schemaElements > f.schema.size() || leaves > columns.size()) {
      r.warn(file.name() + ": the schema is too large to list; only the first " + columns.size() + " columns are listed");
    }
    r.property("columns", columns);
    r.property("column_count", leaves);
    r.property("schema", types);
  }

  private static String typeName(ParquetFooter.SchemaElement e) {
    String t = e.type() == null ? "GROUP" : e.type();
    return e.annotation() == null ? t : t + " (" + e.annotation() + ")";
  }

  private static final class Group {
    final String path;
    int remaining;

    Group(String path, int remaining) {
      this.path = path;
      this.remaining = remaining;
    }
  }
}
