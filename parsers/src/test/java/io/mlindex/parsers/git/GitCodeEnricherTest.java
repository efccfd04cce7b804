package io.mlindex.parsers.git;

import static io.mlindex.parsers.TestTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.ParserRegistry;
import io.mlindex.parsers.TestTrees;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import io.mlindex.parsers.util.PosixPaths;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitCodeEnricherTest {
  private static final String SHA1 = "1111111111111111111111111111111111111111";
  private static final String SHA2 = "2222222222222222222222222222222222222222";
  private static final String SHA3 = "3333333333333333333333333333333333333333";

  private final FileSystem fs = TestTrees.newFileSystem();
  private final GitCodeEnricher enricher = new GitCodeEnricher();
  private final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");

  @AfterEach
  void close() throws Exception {
    fs.close();
  }

  private ParseContext contextAt(Instant now) {
    return new ParseContext().set(FileSystem.class, fs).set(Clock.class, Clock.fixed(now, ZoneOffset.UTC));
  }

  private Record enrich(Path recordPath) {
    return enrich(recordPath, contextAt(t0));
  }

  private Record enrich(Path recordPath, ParseContext context) {
    Record r = new Record(RecordKind.RUN, "test", PosixPaths.of(recordPath));
    enricher.enrich(List.of(r), context);
    return r;
  }

  private Path repo(String at, String head) {
    Path root = fs.getPath(at);
    write(root.resolve(".git/HEAD"), head + "\n");
    write(root.resolve(".git/config"), "[remote \"origin\"]\n\turl = https://bot:ghp_secret@github.com/org/repo.git\n");
    return root;
  }

  @Test
  void aBranchWithALooseRef() {
    Path root = repo("/repo", "ref: refs/heads/main");
    write(root.resolve(".git/refs/heads/main"), SHA1 + "\n");
    Path runDir = write(root.resolve("mlruns/1/abc/meta.yaml"), "run_id: abc\n").getParent();

    Record r = enrich(runDir);

    assertEquals(SHA1, r.getCode().getGitCommit());
    assertEquals("main", r.getCode().getGitBranch());
    assertEquals("https://github.com/org/repo.git", r.getCode().getGitRemote());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void aBranchInPackedRefs() {
    Path root = repo("/repo", "ref: refs/heads/feature/x");
    write(root.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted \n"
        + SHA3 + " refs/heads/feature/xy\n" + SHA2 + " refs/heads/feature/x\n" + SHA3 + " refs/tags/v1\n^" + SHA1 + "\n");
    Path file = write(root.resolve("notebooks/a.ipynb"), "{}");

    Record r = enrich(file);

    assertEquals(SHA2, r.getCode().getGitCommit());
    assertEquals("feature/x", r.getCode().getGitBranch());
  }

  @Test
  void aDetachedHead() {
    Path root = repo("/repo", SHA3);
    Path file = write(root.resolve("model.onnx"), "x");

    Record r = enrich(file);

    assertEquals(SHA3, r.getCode().getGitCommit());
    assertNull(r.getCode().getGitBranch());
  }

  @Test
  void aLinkedWorktreeFollowsItsGitdirFileToTheSharedRefs() {
    Path main = repo("/repo", "ref: refs/heads/main");
    write(main.resolve(".git/refs/heads/main"), SHA1 + "\n");
    write(main.resolve(".git/refs/heads/exp"), SHA2 + "\n");
    write(main.resolve(".git/worktrees/exp/HEAD"), "ref: refs/heads/exp\n");
    write(main.resolve(".git/worktrees/exp/commondir"), "../..\n");
    Path worktree = fs.getPath("/elsewhere/exp");
    write(worktree.resolve(".git"), "gitdir: /repo/.git/worktrees/exp\n");
    Path file = write(worktree.resolve("runs/metrics.json"), "{}");

    Record r = enrich(file);

    assertEquals(SHA2, r.getCode().getGitCommit());
    assertEquals("exp", r.getCode().getGitBranch());
    assertEquals("https://github.com/org/repo.git", r.getCode().getGitRemote());
  }

  @Test
  void aSubmoduleGitdirIsRelative() {
    Path outer = repo("/outer", "ref: refs/heads/main");
    write(outer.resolve(".git/modules/lib/HEAD"), SHA3 + "\n");
    write(outer.resolve("lib/.git"), "gitdir: ../.git/modules/lib\n");
    Path file = write(outer.resolve("lib/train.py"), "");

    assertEquals(SHA3, enrich(file).getCode().getGitCommit());
  }

  @Test
  void aMissingRefIsAWarningAndKeepsTheBranch() {
    Path root = repo("/repo", "ref: refs/heads/main");
    write(root.resolve(".git/refs/heads/other"), SHA2 + "\n");
    Path file = write(root.resolve("a.csv"), "x");

    Record r = enrich(file);

    assertNull(r.getCode().getGitCommit());
    assertEquals("main", r.getCode().getGitBranch());
    assertEquals("https://github.com/org/repo.git", r.getCode().getGitRemote());
    assertEquals(List.of("git: branch main has no commit (neither a loose ref nor in packed-refs)"), r.getWarnings());
  }

  @Test
  void aRepositoryWithoutCommitsYetIsNoProblem() {
    Path root = repo("/fresh", "ref: refs/heads/main");
    Path file = write(root.resolve("a.csv"), "x");

    Record r = enrich(file);

    assertNull(r.getCode().getGitCommit());
    assertEquals("main", r.getCode().getGitBranch());
    assertTrue(r.getWarnings().isEmpty(), r.getWarnings().toString());
  }

  @Test
  void aCorruptHeadIsAWarning() {
    Path root = repo("/repo", "\u0000\u0001garbage");
    Path file = write(root.resolve("a.csv"), "x");

    Record r = enrich(file);

    assertNull(r.getCode().getGitCommit());
    assertTrue(r.getWarnings().get(0).contains("HEAD of /repo/.git is neither a ref nor a commit id"), r.getWarnings().toString());
  }

  @Test
  void anOversizedHeadOrABrokenGitFileIsAWarning() {
    Path root = repo("/big", "ref: refs/heads/" + "x".repeat(10_000));
    Path bad = fs.getPath("/bad");
    write(bad.resolve(".git"), "not a gitdir line\n");

    Record big = enrich(write(root.resolve("a"), "x"));
    Record broken = enrich(write(bad.resolve("b"), "x"));

    assertTrue(big.getWarnings().get(0).startsWith("git: HEAD of /big/.git could not be read"), big.getWarnings().toString());
    assertEquals(List.of("git: /bad/.git is neither a folder nor a 'gitdir:' file"), broken.getWarnings());
  }

  @Test
  void whatAParserFoundIsKept() {
    Path root = repo("/repo", "ref: refs/heads/main");
    write(root.resolve(".git/refs/heads/main"), SHA1 + "\n");
    Record r = new Record(RecordKind.RUN, "mlflow", "/repo/run");
    write(root.resolve("run/meta.yaml"), "");
    r.getCode().setGitCommit(SHA2);

    enricher.enrich(List.of(r), contextAt(t0));

    assertEquals(SHA2, r.getCode().getGitCommit());
    assertNull(r.getCode().getGitBranch(), "the branch of another checkout is not mixed in");
    assertEquals("https://github.com/org/repo.git", r.getCode().getGitRemote());
  }

  @Test
  void recordsOutsideAWorkTreeOrOffThisFileSystemAreLeftAlone() {
    Record outside = enrich(write(fs.getPath("/data/a.csv"), "x"));
    Record absent = new Record(RecordKind.RUN, "test", "/no/such/place");
    enricher.enrich(List.of(absent), contextAt(t0));

    assertTrue(outside.getCode().isEmpty());
    assertTrue(absent.getCode().isEmpty());
    assertTrue(outside.getWarnings().isEmpty() && absent.getWarnings().isEmpty());
  }

  @Test
  void aRepositoryIsReadOnceUntilItsCacheEntryAges() throws IOException {
    Path root = repo("/repo", "ref: refs/heads/main");
    write(root.resolve(".git/refs/heads/main"), SHA1 + "\n");
    Path a = write(root.resolve("a/x.csv"), "x");
    Path b = write(root.resolve("b/y.csv"), "y");

    assertEquals(SHA1, enrich(a).getCode().getGitCommit());
    write(root.resolve(".git/refs/heads/main"), SHA2 + "\n");
    assertEquals(SHA1, enrich(b, contextAt(t0.plusSeconds(5))).getCode().getGitCommit(), "cached");
    assertEquals(SHA2, enrich(b, contextAt(t0.plus(GitCodeEnricher.MAX_AGE).plusSeconds(1))).getCode().getGitCommit());
  }

  @Test
  void nothingUnderGitIsWritten() throws IOException {
    Path root = repo("/repo", "ref: refs/heads/main");
    write(root.resolve(".git/packed-refs"), SHA1 + " refs/heads/main\n");
    Map<String, String> before = snapshot(root.resolve(".git"));

    enrich(write(root.resolve("a.csv"), "x"));

    assertEquals(before, snapshot(root.resolve(".git")));
  }

  @Test
  void theEnricherAndTheNewParsersAreRegistered() {
    ParserRegistry registry = ParserRegistry.loadDefault();

    assertTrue(registry.enrichers().stream().anyMatch(e -> e instanceof GitCodeEnricher));
    assertTrue(registry.names().containsAll(List.of("mlflow-experiment", "mlflow-model", "mlflow-registered-model",
        "mlflow-model-version", "tf-savedmodel", "generic-run")), registry.names().toString());
  }

  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.toList()) {
        out.put(p.toString(), Files.isRegularFile(p)
            ? Files.readString(p) + "@" + Files.getLastModifiedTime(p) : "dir");
      }
    }
    return out;
  }
}
