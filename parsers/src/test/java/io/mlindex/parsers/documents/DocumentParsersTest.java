package io.mlindex.parsers.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.config.ParseLimits;
import io.mlindex.parsers.FileParser;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DocumentParsersTest {
  private final FileSystem fs = TestTrees.newFileSystem();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private static Record parse(FileParser parser, Path file, ParseContext context) throws IOException {
    assertTrue(parser.supports(TestTrees.candidate(file)), file.toString());
    List<Record> records = parser.parse(TestTrees.candidate(file), context);
    assertEquals(1, records.size());
    return records.get(0);
  }

  private static ParseContext limits(long maxReadBytes, int maxTextChars) {
    ParseContext c = new ParseContext();
    c.set(ParseLimits.class, new ParseLimits(maxReadBytes, maxTextChars, Duration.ofSeconds(60), 1L << 30));
    return c;
  }

  @Test
  void readsAPdf() throws IOException {
    Path f = TestTrees.write(fs.getPath("/runs/exp1/report.pdf"),
        MinimalPdf.of("Validation accuracy reached 0.93 with ResNet", "Experiment report", "Ada Lovelace"));
    Record r = parse(new PdfDocumentParser(), f, new ParseContext());
    assertEquals(RecordKind.DOCUMENT, r.getKind());
    assertEquals("pdf", r.getFormat());
    assertTrue(r.getText().contains("Validation accuracy reached 0.93"), r.getText());
    assertEquals("Experiment report", r.getProperties().get("title"));
    assertEquals("Ada Lovelace", r.getProperties().get("author"));
    assertTrue(String.valueOf(r.getProperties().get("created")).startsWith("2024-01-31"), r.getProperties().toString());
    assertEquals(1, r.getProperties().get("pages"));
    assertEquals("application/pdf", r.getProperties().get("media_type"));
    assertEquals("/runs/exp1", r.getProperties().get("folder"));
    assertEquals(List.of("/runs/exp1/report.pdf"), r.getSources());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void aBrokenPdfIsAWarning() throws IOException {
    byte[] pdf = MinimalPdf.of("some text here", "t", "a");
    Path cut = TestTrees.write(fs.getPath("/docs/cut.pdf"), Arrays.copyOf(pdf, 40));
    Record r = parse(new PdfDocumentParser(), cut, new ParseContext());
    assertFalse(r.getWarnings().isEmpty());
    Path junk = TestTrees.write(fs.getPath("/docs/junk.pdf"), new byte[] {1, 2, 3, 0, 5, 6, 7});
    Record j = parse(new PdfDocumentParser(), junk, new ParseContext());
    assertFalse(j.getWarnings().isEmpty());
    assertNull(j.getText());
  }

  @Test
  void readsHtmlWithoutScripts() throws IOException {
    Path f = TestTrees.write(fs.getPath("/reports/eval.html"),
        "<html><head><title>Eval report</title><script>var hidden = 1;</script></head>"
            + "<body>\n\n   <h1>Results</h1>\n\n\n    <div>\n  \n  <p>F1 score   was 0.88\non the test split.</p></div></body></html>");
    Record r = parse(new HtmlDocumentParser(), f, new ParseContext());
    assertEquals("html", r.getFormat());
    assertEquals("Eval report", r.getProperties().get("title"));
    assertEquals("Results\n\nF1 score was 0.88\non the test split.", r.getText());
  }

  @Test
  void readsMarkdownTitledByItsFirstHeading() throws IOException {
    Path f = TestTrees.write(fs.getPath("/models/bert/README.md"),
        "Intro line\n\n# BERT fine-tuned on IMDB\n\nTrained for **3 epochs**.\n");
    MarkdownDocumentParser parser = new MarkdownDocumentParser();
    Record r = parse(parser, f, new ParseContext());
    assertEquals("markdown", r.getFormat());
    assertEquals("BERT fine-tuned on IMDB", r.getProperties().get("title"));
    assertTrue(r.getText().contains("Trained for **3 epochs**"), r.getText());
    assertEquals("/models/bert", r.getProperties().get("folder"));
    assertEquals("text/markdown", r.getProperties().get("media_type"));
    assertTrue(parser.priority() < 0);
  }

  @Test
  void readsProseTextAndSkipsDataTextFiles() throws IOException {
    TextDocumentParser parser = new TextDocumentParser();
    Path notes = TestTrees.write(fs.getPath("/exp/notes.txt"), "The learning rate of 3e-4 worked best for us.\n");
    Record r = parse(parser, notes, new ParseContext());
    assertEquals("text", r.getFormat());
    assertTrue(r.getText().contains("learning rate of 3e-4"), r.getText());

    Path requirements = TestTrees.write(fs.getPath("/exp/requirements.txt"), "# pinned by the tool for us\ntorch==2.1\n");
    Path vocab = TestTrees.write(fs.getPath("/exp/tok/vocab.txt"), "[PAD]\n[UNK]\nthe\nof\n");
    Path matrix = TestTrees.write(fs.getPath("/exp/weights.txt"), "0.1 0.2 0.3\n0.4 0.5 0.6\n");
    Path empty = TestTrees.write(fs.getPath("/exp/test.log"), "");
    Path binary = TestTrees.write(fs.getPath("/exp/blob.txt"), new byte[] {'a', ' ', 'b', ' ', 'c', 0, 1});
    Path source = TestTrees.write(fs.getPath("/exp/train.py"), "print('the quick brown fox')\n");
    for (Path p : List.of(requirements, vocab, matrix, empty, binary, source)) {
      assertFalse(parser.supports(TestTrees.candidate(p)), p.toString());
    }
  }

  @Test
  void bigLogsAreSkippedAndBigPdfsKeptWithoutText() throws IOException {
    Path log = TestTrees.write(fs.getPath("/exp/train.log"), "epoch 1 the loss went down\n".repeat(100));
    assertEquals(List.of(), new TextDocumentParser().parse(TestTrees.candidate(log), limits(1000, 1 << 20)));
    Path pdf = TestTrees.write(fs.getPath("/exp/paper.pdf"), MinimalPdf.of("words words words", "t", "a"));
    Record r = parse(new PdfDocumentParser(), pdf, limits(100, 1 << 20));
    assertNull(r.getText());
    assertTrue(r.getWarnings().get(0).contains("limits.max_read_bytes"), r.getWarnings().toString());
  }

  @Test
  void textIsCutAtTheCharacterLimit() throws IOException {
    Path f = TestTrees.write(fs.getPath("/exp/long.txt"), "All work and no play makes a dull model.\n".repeat(500));
    Record r = parse(new TextDocumentParser(), f, limits(1 << 20, 100));
    assertTrue(r.getText().length() <= 100, String.valueOf(r.getText().length()));
    assertTrue(r.getText().startsWith("All work and no play"));
    assertEquals(true, r.getProperties().get("text_truncated"));

    Path pdf = TestTrees.write(fs.getPath("/exp/long.pdf"),
        MinimalPdf.of("Quarterly evaluation of the retrieval model on held-out queries", "t", "a"));
    Record p = parse(new PdfDocumentParser(), pdf, limits(1 << 20, 20));
    assertTrue(p.getText().length() <= 20, p.getText());
    assertEquals(true, p.getProperties().get("text_truncated"));
    assertTrue(p.getWarnings().isEmpty(), p.getWarnings().toString());
  }
}
