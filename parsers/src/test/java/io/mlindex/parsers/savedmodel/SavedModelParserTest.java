package io.mlindex.parsers.savedmodel;

import static io.mlindex.parsers.TestTrees.view;
import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SavedModelParserTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final SavedModelParser parser = new SavedModelParser();

  @AfterEach
  void close() throws Exception {
    fs.close();
  }

  /** A protobuf message built field by field. */
  private static final class Msg {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    Msg varint(int field, long value) throws IOException {
      out.writeInt64(field, value);
      return this;
    }

    Msg string(int field, String value) throws IOException {
      out.writeString(field, value);
      return this;
    }

    Msg message(int field, Msg value) throws IOException {
      out.writeBytes(field, ByteString.copyFrom(value.bytes()));
      return this;
    }

    byte[] bytes() throws IOException {
      out.flush();
      return bytes.toByteArray();
    }
  }

  private static Msg tensorEntry(String key, String name, int dtype, long... dims) throws IOException {
    Msg shape = new Msg();
    for (long d : dims) {
      shape.message(2, new Msg().varint(1, d));
    }
    Msg info = new Msg().string(1, name).varint(2, dtype).message(3, shape);
    return new Msg().string(1, key).message(2, info);
  }

  private static byte[] savedModel() throws IOException {
    Msg info = new Msg().string(4, "serve").string(5, "2.15.0").string(6, "v2.15.0-rc1-8-g6887368d6d4");
    Msg graph = new Msg()
        .message(1, new Msg().string(1, "x").string(2, "Placeholder"))
        .message(1, new Msg().string(1, "y").string(2, "Identity").message(5, new Msg().string(1, "huge attr")))
        .message(2, new Msg().message(1, new Msg()).message(1, new Msg()).message(1, new Msg()));
    Msg serving = new Msg()
        .message(1, tensorEntry("image", "serving_default_image:0", 1, -1, 28, 28))
        .message(2, tensorEntry("logits", "StatefulPartitionedCall:0", 1, -1, 10))
        .string(3, "tensorflow/serving/predict");
    Msg init = new Msg().message(2, tensorEntry("__saved_model_init_op", "NoOp", 0));
    Msg metaGraph = new Msg()
        .message(1, info)
        .message(2, graph)
        .message(5, new Msg().string(1, "serving_default").message(2, serving))
        .message(5, new Msg().string(1, "__saved_model_init_op").message(2, init))
        .message(7, new Msg().string(1, "objects"));
    return new Msg().varint(1, 1).message(2, metaGraph).bytes();
  }

  private Record parse(Path dir) throws Exception {
    assertTrue(parser.claims(view(dir)));
    List<Record> records = parser.parse(view(dir), new ParseContext());
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void readsTagsVersionsAndSignatures() throws Exception {
    Path dir = fs.getPath("/models/mnist/1");
    write(dir.resolve("saved_model.pb"), savedModel());
    write(dir.resolve("variables/variables.index"), new byte[10]);
    write(dir.resolve("variables/variables.data-00000-of-00001"), new byte[90]);
    write(dir.resolve("keras_metadata.pb"), new byte[3]);

    Record r = parse(dir);

    assertEquals(RecordKind.MODEL, r.getKind());
    assertEquals("tf-savedmodel", r.getFormat());
    assertEquals("/models/mnist/1", r.getPath());
    assertEquals(1L, r.getProperties().get("saved_model_schema_version"));
    assertEquals(1L, r.getProperties().get("meta_graph_count"));
    assertEquals(List.of("serve"), r.getProperties().get("meta_graph_tags"));
    assertEquals("2.15.0", r.getProperties().get("tensorflow_version"));
    assertEquals("v2.15.0-rc1-8-g6887368d6d4", r.getProperties().get("tensorflow_git_version"));
    assertEquals(2L, r.getProperties().get("graph_nodes"));
    assertEquals(3L, r.getProperties().get("graph_functions"));
    assertEquals(true, r.getProperties().get("object_graph"));
    assertEquals(List.of("serving_default", "__saved_model_init_op"), r.getProperties().get("signatures"));
    assertEquals("tensorflow/serving/predict", r.getProperties().get("signature.serving_default.method"));
    assertEquals(List.of("image"), r.getProperties().get("signature.serving_default.inputs"));
    assertEquals(List.of("float32[-1,28,28]"), r.getProperties().get("signature.serving_default.input_types"));
    assertEquals(List.of("logits"), r.getProperties().get("signature.serving_default.outputs"));
    assertEquals(List.of("float32[-1,10]"), r.getProperties().get("signature.serving_default.output_types"));
    assertEquals(2L, r.getProperties().get("variables_files"));
    assertEquals(100L, r.getProperties().get("variables_bytes"));
    assertEquals(true, r.getProperties().get("keras"));
    assertEquals(List.of("tensorflow", "keras"), r.getCode().getFrameworks());
    assertTrue(r.getHash().startsWith("sha256:"));
    assertEquals(savedModel().length + 100L, r.getSize());
    assertEquals(List.of("/models/mnist/1/saved_model.pb"), r.getSources());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void aTruncatedFileKeepsWhatCameBeforeTheCut() throws Exception {
    byte[] whole = savedModel();
    Path dir = fs.getPath("/models/cut");
    // Cut inside the graph: the meta info before it is read, the signatures after it are not.
    write(dir.resolve("saved_model.pb"), Arrays.copyOf(whole, indexOf(whole, "Identity".getBytes(StandardCharsets.UTF_8))));

    Record r = parse(dir);

    assertEquals(List.of("serve"), r.getProperties().get("meta_graph_tags"));
    assertEquals("2.15.0", r.getProperties().get("tensorflow_version"));
    assertNull(r.getProperties().get("signatures"));
    assertTrue(r.getWarnings().get(0).startsWith("saved_model.pb is truncated or damaged after"), r.getWarnings().toString());
  }

  @Test
  void aHugeDeclaredLengthIsNotAllocated() throws Exception {
    // meta_graphs (field 2) claiming 2 GiB - 1 bytes in a 10-byte file
    byte[] hostile = {0x12, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x0a, 0x01, 0x41, 0x00};
    Path dir = fs.getPath("/models/hostile");
    write(dir.resolve("saved_model.pb"), hostile);

    Record r = parse(dir);

    assertTrue(r.getWarnings().get(0).startsWith("saved_model.pb is truncated or damaged"), r.getWarnings().toString());
  }

  @Test
  void emptyAndNonProtobufFilesAreWarnings() throws Exception {
    Path empty = fs.getPath("/models/empty");
    write(empty.resolve("saved_model.pb"), new byte[0]);
    Path text = fs.getPath("/models/text");
    write(text.resolve("saved_model.pb"), "this is not a protobuf at all\n");

    assertEquals(List.of("saved_model.pb is empty"), parse(empty).getWarnings());
    assertFalse(parse(text).getWarnings().isEmpty());
  }

  @Test
  void dtypeNamesFollowTensorflow() {
    assertEquals("float32", SavedModelReader.dtypeName(1));
    assertEquals("string", SavedModelReader.dtypeName(7));
    assertEquals("float16", SavedModelReader.dtypeName(19));
    assertEquals("float32_ref", SavedModelReader.dtypeName(101));
    assertEquals("dtype77", SavedModelReader.dtypeName(77));
  }

  @Test
  void foldersWithoutSavedModelAreNotClaimed() {
    Path dir = fs.getPath("/models/other");
    write(dir.resolve("saved_model.pbtxt"), "meta_graphs {}");
    assertFalse(parser.claims(view(dir)));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
