package io.mlindex.parsers.tensorboard;

import static io.mlindex.parsers.tensorboard.EventFileWriter.DT_DOUBLE;
import static io.mlindex.parsers.tensorboard.EventFileWriter.DT_FLOAT;
import static io.mlindex.parsers.tensorboard.EventFileWriter.DT_HALF;
import static io.mlindex.parsers.tensorboard.EventFileWriter.TensorEncoding.TENSOR_CONTENT;
import static io.mlindex.parsers.tensorboard.EventFileWriter.TensorEncoding.TYPED_VALUES;
import static io.mlindex.parsers.tensorboard.EventFileWriter.fileVersion;
import static io.mlindex.parsers.tensorboard.EventFileWriter.simpleValue;
import static io.mlindex.parsers.tensorboard.EventFileWriter.summaryEvent;
import static io.mlindex.parsers.tensorboard.EventFileWriter.tensorScalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.config.ParseLimits;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TensorboardEventParserTest {
  private static final String NAME = "events.out.tfevents.1700000000.gpu-box.lab.1234.0.v2";
  private final FileSystem fs = TestTrees.newFileSystem();
  private final TensorboardEventParser parser = new TensorboardEventParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Record parse(byte[] bytes) throws IOException {
    return parse(bytes, new ParseContext());
  }

  private Record parse(byte[] bytes, ParseContext context) throws IOException {
    Path file = TestTrees.write(fs.getPath("/logs/run1", NAME), bytes);
    assertTrue(parser.supports(TestTrees.candidate(file)));
    List<Record> records = parser.parse(TestTrees.candidate(file), context);
    assertEquals(1, records.size());
    return records.get(0);
  }

  private static EventFileWriter started() {
    return new EventFileWriter().record(fileVersion(1700000000.5, "brain.Event:2"));
  }

  @Test
  void readsSimpleValueScalarsWithTheirSteps() throws IOException {
    EventFileWriter w = started();
    w.record(summaryEvent(1700000001, 10, simpleValue("train/loss", 0.9f)));
    w.record(summaryEvent(1700000002, 20, simpleValue("train/loss", 0.25f), simpleValue("lr", 0.01f)));
    w.record(summaryEvent(1700000003, 15, simpleValue("train/loss", 0.5f)));
    Record r = parse(w.bytes());

    assertEquals(RecordKind.RUN, r.getKind());
    assertEquals("tensorboard", r.getFormat());
    assertEquals("run1", r.getName());
    assertEquals(List.of("/logs/run1/" + NAME), r.getSources());
    Metric loss = r.getMetrics().get("train/loss");
    assertEquals(0.5, loss.last(), 0); // file order, not the largest step
    assertEquals(15L, loss.lastStep());
    assertEquals(3, loss.steps());
    assertEquals(0.25, loss.min(), 0);
    assertEquals(0.9f, loss.max(), 0);
    assertEquals(0.01f, r.getMetrics().get("lr").last(), 0);
    assertEquals("brain.Event:2", r.getProperties().get("file_version"));
    assertEquals(4L, r.getProperties().get("records"));
    assertEquals(20L, r.getProperties().get("max_step"));
    assertEquals(0L, r.getProperties().get("crc_errors"));
    assertEquals(List.of("simple_value"), r.getProperties().get("scalar_encodings"));
    assertEquals("gpu-box.lab", r.getProperties().get("host"));
    assertEquals(Instant.ofEpochSecond(1700000000, 500_000_000), r.getTime().getStart());
    assertEquals(Instant.ofEpochSecond(1700000003), r.getTime().getEnd());
    assertEquals(1, r.getWarnings().size(), r.getWarnings().toString());
    assertTrue(r.getWarnings().get(0).startsWith("scalar train/loss: 1 value(s) logged at a step not after the previous one"),
        r.getWarnings().get(0));
  }

  @Test
  void readsTf2TensorScalarsInFloatDoubleAndHalf() throws IOException {
    EventFileWriter w = started();
    for (int step = 0; step < 3; step++) {
      w.record(summaryEvent(1700000001 + step, step,
          tensorScalar("epoch_accuracy", DT_FLOAT, 0.5 + step * 0.125, TYPED_VALUES, step == 0),
          tensorScalar("lr_double", DT_DOUBLE, 1e-3 / (step + 1), TENSOR_CONTENT, step == 0),
          tensorScalar("loss_half", DT_HALF, 2.0 - step * 0.5, TYPED_VALUES, step == 0),
          tensorScalar("loss_half_content", DT_HALF, 1.25 + step, TENSOR_CONTENT, step == 0),
          tensorScalar("float_content", DT_FLOAT, 3.5 * step, TENSOR_CONTENT, step == 0)));
    }
    Record r = parse(w.bytes());

    assertEquals(0.75, r.getMetrics().get("epoch_accuracy").last(), 0);
    assertEquals(3, r.getMetrics().get("epoch_accuracy").steps());
    assertEquals(2L, r.getMetrics().get("epoch_accuracy").lastStep());
    assertEquals(1e-3 / 3, r.getMetrics().get("lr_double").last(), 0);
    assertEquals(1e-3, r.getMetrics().get("lr_double").max(), 0);
    assertEquals(1.0, r.getMetrics().get("loss_half").last(), 0);
    assertEquals(2.0, r.getMetrics().get("loss_half").max(), 0);
    assertEquals(3.25, r.getMetrics().get("loss_half_content").last(), 0);
    assertEquals(7.0, r.getMetrics().get("float_content").last(), 0);
    assertEquals(List.of("tensor:double", "tensor:float", "tensor:half"), r.getProperties().get("scalar_encodings"));
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void stepIsReadWhenItFollowsTheSummaryOnTheWire() throws IOException {
    EventFileWriter w = started();
    w.record(EventFileWriter.summaryFirstEvent(1700000001, 42, simpleValue("x", 1.5f)));
    Record r = parse(w.bytes());
    assertEquals(42L, r.getMetrics().get("x").lastStep());
  }

  @Test
  void hparamsSessionStartBecomesParams() throws IOException {
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("lr", 0.001);
    hp.put("optimizer", "adam");
    hp.put("model_args/encoder", "resnet34");
    hp.put("use_amp", true);
    hp.put("layers", List.of(64.0, 32.0));
    EventFileWriter w = started();
    w.record(summaryEvent(1700000001, 0, EventFileWriter.hparamsSessionStart(hp, 1700000000)));
    w.record(summaryEvent(1700000002, 0, simpleValue("hp_metric", -1f)));
    Record r = parse(w.bytes());

    assertEquals(0.001, r.getParams().get("lr"));
    assertEquals("adam", r.getParams().get("optimizer"));
    assertEquals("resnet34", r.getParams().get("model_args/encoder"));
    assertEquals(true, r.getParams().get("use_amp"));
    assertEquals(List.of(64.0, 32.0), r.getParams().get("layers"));
    assertEquals(List.of("_hparams_/session_start_info"), r.getProperties().get("tags.hparams"));
    assertEquals(-1.0, r.getMetrics().get("hp_metric").last(), 0);
    assertFalse(r.getMetrics().containsKey("_hparams_/session_start_info"));
  }

  @Test
  void nonScalarTagsAreListedByPlugin() throws IOException {
    EventFileWriter w = started();
    w.record(EventFileWriter.graphEvent(1700000001));
    for (int step = 0; step < 2; step++) {
      w.record(summaryEvent(1700000002 + step, step,
          step == 0 ? EventFileWriter.tensorHistogram("dense/kernel") : tensorWithoutMetadata(),
          EventFileWriter.classicHistogram("old/histo"),
          EventFileWriter.image("inputs"),
          EventFileWriter.text("notes", "hello"),
          simpleValue("loss", 1f / (step + 1))));
    }
    Record r = parse(w.bytes());

    assertEquals(List.of("dense/kernel", "old/histo"), r.getProperties().get("tags.histograms"));
    assertEquals(List.of("inputs"), r.getProperties().get("tags.images"));
    assertEquals(List.of("notes"), r.getProperties().get("tags.text"));
    assertEquals(1L, r.getProperties().get("events.graph_def"));
    assertEquals(0.5, r.getMetrics().get("loss").last(), 0);
    assertEquals(1, r.getMetrics().size(), r.getMetrics().keySet().toString());
  }

  @Test
  void oddPluginNamesAreListedAsOther() throws IOException {
    byte[] value = EventFileWriter.message(o -> {
      o.writeString(1, "weird");
      o.writeByteArray(9, EventFileWriter.pluginMetadata("bad plugin\n!", null));
      o.writeByteArray(8, EventFileWriter.message(t -> t.writeEnum(1, EventFileWriter.DT_STRING)));
    });
    Record r = parse(started().record(summaryEvent(1700000001, 0, value)).bytes());
    assertEquals(List.of("weird"), r.getProperties().get("tags.other"));
  }

  /** The second value of a TF2 histogram tag carries no metadata: the tag's first plugin still applies. */
  private static byte[] tensorWithoutMetadata() {
    byte[] tensor = EventFileWriter.message(o -> {
      o.writeEnum(1, DT_DOUBLE);
      o.writeByteArray(4, new byte[48]);
    });
    return EventFileWriter.message(o -> {
      o.writeString(1, "dense/kernel");
      o.writeByteArray(8, tensor);
    });
  }

  @Test
  void corruptDataCrcInTheMiddleIsSkippedWithAWarning() throws IOException {
    EventFileWriter w = started();
    w.record(summaryEvent(1700000001, 1, simpleValue("loss", 0.9f)));
    w.framed(summaryEvent(1700000002, 2, simpleValue("loss", 123f)), false, true);
    w.record(summaryEvent(1700000003, 3, simpleValue("loss", 0.7f)));
    Record r = parse(w.bytes());

    Metric loss = r.getMetrics().get("loss");
    assertEquals(2, loss.steps());
    assertEquals(0.7f, loss.last(), 0);
    assertEquals(0.9f, loss.max(), 0);
    assertEquals(1L, r.getProperties().get("crc_errors"));
    assertEquals(1, r.getWarnings().size(), r.getWarnings().toString());
    assertTrue(r.getWarnings().get(0).contains("failed their data CRC check"), r.getWarnings().get(0));
    assertTrue(r.getWarnings().get(0).startsWith(NAME), r.getWarnings().get(0));
  }

  @Test
  void corruptLengthCrcStopsReadingAndKeepsWhatCameBefore() throws IOException {
    EventFileWriter w = started();
    w.record(summaryEvent(1700000001, 1, simpleValue("loss", 0.9f)));
    w.framed(summaryEvent(1700000002, 2, simpleValue("loss", 0.8f)), true, false);
    w.record(summaryEvent(1700000003, 3, simpleValue("loss", 0.7f)));
    Record r = parse(w.bytes());

    assertEquals(1, r.getMetrics().get("loss").steps());
    assertEquals(0.9f, r.getMetrics().get("loss").last(), 0);
    assertEquals(1L, r.getProperties().get("crc_errors"));
    assertTrue(r.getWarnings().get(0).contains("fails its CRC check"), r.getWarnings().toString());
    assertTrue(r.getWarnings().get(0).contains("the 2 record(s) before it were kept"), r.getWarnings().toString());
  }

  @Test
  void truncatedTailKeepsEverythingBeforeIt() throws IOException {
    EventFileWriter w = started();
    w.record(summaryEvent(1700000001, 1, simpleValue("loss", 0.9f)));
    w.record(summaryEvent(1700000002, 2, simpleValue("loss", 0.8f)));
    byte[] whole = new EventFileWriter().record(summaryEvent(1700000003, 3, simpleValue("loss", 0.1f))).bytes();
    w.writeRaw(Arrays.copyOf(whole, whole.length - 6)); // payload cut short
    Record r = parse(w.bytes());

    assertEquals(2, r.getMetrics().get("loss").steps());
    assertEquals(0.8f, r.getMetrics().get("loss").last(), 0);
    assertEquals(3L, r.getProperties().get("records"));
    assertEquals(1, r.getWarnings().size());
    assertTrue(r.getWarnings().get(0).contains("truncated"), r.getWarnings().get(0));
  }

  @Test
  void headerCutShortIsATruncatedTail() throws IOException {
    EventFileWriter w = started();
    w.writeRaw(new byte[] {1, 2, 3, 4, 5});
    Record r = parse(w.bytes());
    assertEquals(1L, r.getProperties().get("records"));
    assertTrue(r.getWarnings().get(0).contains("truncated"), r.getWarnings().toString());
  }

  @Test
  void hugeDeclaredLengthAllocatesNothing() throws IOException {
    EventFileWriter w = started();
    w.record(summaryEvent(1700000001, 1, simpleValue("loss", 0.9f)));
    w.declaredOnly(1L << 40).writeRaw(new byte[100]);
    Record r = parse(w.bytes());

    assertEquals(0.9f, r.getMetrics().get("loss").last(), 0);
    assertTrue(r.getWarnings().get(0).contains("declares 1099511627776 bytes"), r.getWarnings().toString());
  }

  @Test
  void recordAboveTheReadLimitIsCheckedAndSkipped() throws IOException {
    EventFileWriter w = started();
    byte[] big = summaryEvent(1700000001, 1, EventFileWriter.text("big", "x".repeat(500)));
    w.record(big);
    w.record(summaryEvent(1700000002, 2, simpleValue("loss", 0.5f)));
    ParseContext small = new ParseContext().set(ParseLimits.class, new ParseLimits(200, 1000, Duration.ofSeconds(10), 1000));
    Record r = parse(w.bytes(), small);

    assertEquals(0.5f, r.getMetrics().get("loss").last(), 0);
    assertEquals(3L, r.getProperties().get("records"));
    assertTrue(r.getWarnings().get(0).contains("larger than limits.max_read_bytes"), r.getWarnings().toString());
  }

  @Test
  void payloadThatIsNotAnEventIsSkippedWithAWarning() throws IOException {
    EventFileWriter w = started();
    w.record(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
    w.record(summaryEvent(1700000002, 2, simpleValue("loss", 0.5f)));
    Record r = parse(w.bytes());

    assertEquals(0.5f, r.getMetrics().get("loss").last(), 0);
    assertEquals(1L, r.getProperties().get("decode_errors"));
    assertTrue(r.getWarnings().get(0).contains("not valid Event protobufs"), r.getWarnings().toString());
  }

  @Test
  void emptyFileIsARecordWithAWarning() throws IOException {
    Record r = parse(new byte[0]);
    assertTrue(r.getMetrics().isEmpty());
    assertEquals(List.of(NAME + ": the file is empty"), r.getWarnings());
  }

  @Test
  void nonFiniteValuesAreKept() throws IOException {
    EventFileWriter w = started();
    w.record(summaryEvent(1700000001, 1, simpleValue("loss", 0.5f)));
    w.record(summaryEvent(1700000002, 2, simpleValue("loss", Float.NaN)));
    Metric loss = parse(w.bytes()).getMetrics().get("loss");
    assertTrue(Double.isNaN(loss.last()));
    assertEquals(0.5, loss.max(), 0);
  }

  @Test
  void supportsOnlyEventFiles() {
    Path other = TestTrees.write(fs.getPath("/x/events.txt"), "x");
    assertFalse(parser.supports(TestTrees.candidate(other)));
  }

  @Test
  void hostIsTakenFromTheFileName() {
    assertEquals("DESKTOP-41L2EO3", TensorboardEventParser.hostOf("events.out.tfevents.1742826235.DESKTOP-41L2EO3.107869.0"));
    assertEquals("MSI", TensorboardEventParser.hostOf("events.out.tfevents.1757609031.MSI.4456.0.v2"));
    assertEquals("a.b.c", TensorboardEventParser.hostOf("events.out.tfevents.1500000000.a.b.c"));
    assertNull(TensorboardEventParser.hostOf("events.out.tfevents.notanumber"));
  }

  @Test
  void halfPrecisionDecodes() {
    assertEquals(1.0f, TensorValue.halfToFloat(0x3c00), 0);
    assertEquals(-2.0f, TensorValue.halfToFloat(0xc000), 0);
    assertEquals(65504f, TensorValue.halfToFloat(0x7bff), 0);
    assertEquals(5.9604645e-8f, TensorValue.halfToFloat(0x0001), 0);
    assertEquals(Float.POSITIVE_INFINITY, TensorValue.halfToFloat(0x7c00), 0);
    assertTrue(Float.isNaN(TensorValue.halfToFloat(0x7e00)));
  }
}
