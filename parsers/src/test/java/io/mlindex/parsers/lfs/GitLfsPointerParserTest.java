package io.mlindex.parsers.lfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitLfsPointerParserTest {
  private static final String OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";
  private static final String POINTER =
      "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize 12345678\n";

  private final FileSystem fs = TestTrees.newFileSystem();
  private final GitLfsPointerParser parser = new GitLfsPointerParser();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  @Test
  void pointerWhateverItsNameIsAnArtifactWithAWarning() throws IOException {
    Path file = TestTrees.write(fs.getPath("/runs/events.out.tfevents.1700000000.host.1.0"), POINTER);
    assertTrue(parser.supports(TestTrees.candidate(file)));
    List<Record> records = parser.parse(TestTrees.candidate(file), new ParseContext());

    Record r = records.get(0);
    assertEquals(RecordKind.ARTIFACT, r.getKind());
    assertEquals("git-lfs-pointer", r.getFormat());
    assertEquals(OID, r.getProperties().get("oid"));
    assertEquals(12345678L, r.getProperties().get("size"));
    assertEquals("sha256:" + OID, r.getHash());
    assertEquals(List.of("Git LFS pointer: content not present"), r.getWarnings());
    assertEquals(List.of("/runs/events.out.tfevents.1700000000.host.1.0"), r.getSources());
  }

  @Test
  void pointerOutranksTheParserOfItsExtension() {
    Path file = TestTrees.write(fs.getPath("/m/model.ipynb"), POINTER);
    ParserRegistry registry = ParserRegistry.loadDefault();
    assertSame(GitLfsPointerParser.class, registry.fileParserFor(TestTrees.candidate(file)).getClass());
  }

  @Test
  void crlfPointerIsRecognised() {
    Path file = TestTrees.write(fs.getPath("/m/w.bin"), POINTER.replace("\n", "\r\n"));
    assertTrue(parser.supports(TestTrees.candidate(file)));
  }

  @Test
  void normalFilesAreNotClaimed() {
    assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/a/readme.md"),
        "version https://git-lfs.github.com/spec/v1 is what pointers start with\nsee the docs\n"))));
    assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/a/empty.txt"), ""))));
    assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/a/no-oid"),
        "version https://git-lfs.github.com/spec/v1\nsize 10\n"))));
    assertFalse(parser.supports(TestTrees.candidate(TestTrees.write(fs.getPath("/a/big.txt"),
        POINTER + "x".repeat(GitLfsPointerParser.MAX_POINTER_BYTES)))));
  }
}
