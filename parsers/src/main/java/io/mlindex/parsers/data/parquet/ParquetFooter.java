package io.mlindex.parsers.data.parquet;

import io.mlindex.parsers.util.MalformedFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts of a Parquet {@code FileMetaData} (the Thrift compact struct in the footer) that a
 * dataset record needs. Decoding keeps what it read before any damage: {@link #problem()} says
 * where it stopped.
 */
final class ParquetFooter {
  static final int MAX_LISTED = 10_000;
  static final int MAX_KEYS = 200;

  private static final String[] PHYSICAL = {
    "BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"
  };
  private static final String[] CONVERTED = {
    "UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS", "TIME_MICROS",
    "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8",
    "INT_16", "INT_32", "INT_64", "JSON", "BSON", "INTERVAL"
  };
  /** LogicalType union members by field id (index); 9 is unused. */
  private static final String[] LOGICAL = {
    null, "STRING", "MAP", "LIST", "ENUM", "DECIMAL", "DATE", "TIME", "TIMESTAMP", null, "INTEGER",
    "NULL", "JSON", "BSON", "UUID", "FLOAT16", "VARIANT", "GEOMETRY", "GEOGRAPHY"
  };

  /** One element of the flattened schema tree. */
  record SchemaElement(String name, String type, String annotation, int children) {}

  Integer version;
  final List<SchemaElement> schema = new ArrayList<>();
  int schemaElements;
  Long numRows;
  Integer rowGroups;
  final List<String> metadataKeys = new ArrayList<>();
  int metadataKeyCount;
  String createdBy;
  private String problem;

  String problem() {
    return problem;
  }

  static ParquetFooter decode(byte[] bytes) {
    ParquetFooter f = new ParquetFooter();
    ThriftCompactReader in = new ThriftCompactReader(bytes);
    try {
      in.beginStruct();
      while (in.nextField()) {
        f.readField(in);
      }
      in.endStruct();
    } catch (MalformedFileException e) {
      f.problem = e.getMessage();
    }
    return f;
  }

  private void readField(ThriftCompactReader in) throws MalformedFileException {
    int type = in.fieldType();
    int id = in.fieldId();
    if (id == 1 && type == ThriftCompactReader.I32) {
      version = in.readI32();
    } else if (id == 2 && type == ThriftCompactReader.LIST) {
      readSchema(in);
    } else if (id == 3 && type == ThriftCompactReader.I64) {
      numRows = in.readI64();
    } else if (id == 4 && type == ThriftCompactReader.LIST) {
      int[] h = in.readListHeader();
      for (int i = 0; i < h[1]; i++) {
        in.skip(h[0]);
      }
      rowGroups = h[1];
    } else if (id == 5 && type == ThriftCompactReader.LIST) {
      readKeyValues(in);
    } else if (id == 6 && type == ThriftCompactReader.BINARY) {
      createdBy = in.readString();
    } else {
      in.skip(type);
    }
  }

  private void readSchema(ThriftCompactReader in) throws MalformedFileException {
    int[] h = in.readListHeader();
    for (int i = 0; i < h[1]; i++) {
      if (h[0] != ThriftCompactReader.STRUCT) {
        in.skip(h[0]);
        continue;
      }
      SchemaElement e = readSchemaElement(in);
      schemaElements++;
      if (schema.size() < MAX_LISTED * 2) {
        schema.add(e);
      }
    }
  }

  private static SchemaElement readSchemaElement(ThriftCompactReader in) throws MalformedFileException {
    String name = null;
    String type = null;
    String converted = null;
    String logical = null;
    int children = 0;
    in.beginStruct();
    while (in.nextField()) {
      int t = in.fieldType();
      int id = in.fieldId();
      if (id == 1 && t == ThriftCompactReader.I32) {
        type = named(PHYSICAL, in.readI32());
      } else if (id == 4 && t == ThriftCompactReader.BINARY) {
        name = in.readString();
      } else if (id == 5 && t == ThriftCompactReader.I32) {
        children = Math.max(0, in.readI32());
      } else if (id == 6 && t == ThriftCompactReader.I32) {
        converted = named(CONVERTED, in.readI32());
      } else if (id == 10 && t == ThriftCompactReader.STRUCT) {
        logical = readLogicalType(in);
      } else {
        in.skip(t);
      }
    }
    in.endStruct();
    return new SchemaElement(name == null ? "" : name, type, logical != null ? logical : converted, children);
  }

  /** A LogicalType is a union: the id of its one set field names the type. */
  private static String readLogicalType(ThriftCompactReader in) throws MalformedFileException {
    String name = null;
    in.beginStruct();
    while (in.nextField()) {
      int id = in.fieldId();
      if (name == null) {
        name = id > 0 && id < LOGICAL.length && LOGICAL[id] != null ? LOGICAL[id] : "LOGICAL_" + id;
      }
      in.skip(in.fieldType());
    }
    in.endStruct();
    return name;
  }

  private void readKeyValues(ThriftCompactReader in) throws MalformedFileException {
    int[] h = in.readListHeader();
    for (int i = 0; i < h[1]; i++) {
      if (h[0] != ThriftCompactReader.STRUCT) {
        in.skip(h[0]);
        continue;
      }
      in.beginStruct();
      while (in.nextField()) {
        if (in.fieldId() == 1 && in.fieldType() == ThriftCompactReader.BINARY) {
          String key = in.readString();
          metadataKeyCount++;
          if (metadataKeys.size() < MAX_KEYS) {
            metadataKeys.add(key);
          }
        } else {
          in.skip(in.fieldType());
        }
      }
      in.endStruct();
    }
  }

  private static String named(String[] names, int value) {
    return value >= 0 && value < names.length ? names[value] : "UNKNOWN_" + value;
  }
}
