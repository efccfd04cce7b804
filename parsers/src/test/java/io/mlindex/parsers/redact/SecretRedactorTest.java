package io.mlindex.parsers.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.config.RedactionSettings;
import io.mlindex.parsers.ParseContext;
import io.mlindex.parsers.TestTrees;
import io.mlindex.parsers.mlflow.MlflowRunParser;
import io.mlindex.parsers.notebook.NotebookParser;
import io.mlindex.parsers.util.Flatten;
import io.mlindex.parsers.util.YamlTrees;
import io.mlindex.record.LineageRef;
import io.mlindex.record.Record;
import io.mlindex.record.RecordJson;
import io.mlindex.record.RecordKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {
  private final FileSystem fs = TestTrees.newFileSystem();
  private final SecretRedactor redactor = new SecretRedactor(RedactionSettings.none());

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private static String json(Record r) {
    try {
      return RecordJson.toJson(r);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertNoSecretLeft(Record r) {
    String all = json(r) + "\n" + r.getText();
    for (FakeSecrets.Secret s : FakeSecrets.ALL) {
      assertFalse(all.contains(s.value()), s.kind() + " leaked: " + s.value());
    }
  }

  private static String notebook(String code, String printed) {
    ObjectNode nb = JsonNodeFactory.instance.objectNode();
    ObjectNode cell = nb.putArray("cells").addObject();
    cell.put("cell_type", "code").put("execution_count", 1).put("source", code);
    cell.putObject("metadata");
    ObjectNode out = cell.putArray("outputs").addObject();
    out.put("output_type", "stream").put("name", "stdout").put("text", printed);
    nb.putObject("metadata");
    nb.put("nbformat", 4);
    return nb.toString();
  }

  private Record parseNotebook(String code, String printed) throws IOException {
    Path file = TestTrees.write(fs.getPath("/w/nb.ipynb"), notebook(code, printed));
    return new NotebookParser().parse(TestTrees.candidate(file), new ParseContext()).get(0);
  }

  @Test
  void everyKindPlantedInANotebookCellIsRedacted() throws IOException {
    for (FakeSecrets.Secret s : FakeSecrets.ALL) {
      Record r = parseNotebook("import os\n" + s.line() + "\nprint('done')\n", "done\n");
      assertTrue(r.getText().contains(s.value()), "the fixture plants " + s.kind());
      assertEquals(1, redactor.redact(r), s.kind() + ": " + r.getText());
      assertTrue(r.getText().contains("[REDACTED:" + s.kind() + "]"), s.kind() + ": " + r.getText());
      assertNoSecretLeft(r);
      String warning = r.getWarnings().get(r.getWarnings().size() - 1);
      assertEquals("redacted 1 secret-looking value: text line 2 (" + s.kind() + ")", warning);
    }
  }

  @Test
  void everyKindPrintedInAnOutputIsRedacted() throws IOException {
    for (FakeSecrets.Secret s : FakeSecrets.ALL) {
      Record r = parseNotebook("print(settings)\n", "settings:\n" + s.line() + "\n");
      assertTrue(redactor.redact(r) >= 1, s.kind());
      assertNoSecretLeft(r);
    }
  }

  @Test
  void aYamlConfigIsRedactedInParamsAndText() throws IOException {
    String yaml = "model: resnet50\n"
        + "optimizer:\n  lr: 0.001\n"
        + "db:\n  url: postgresql://ml:Sup3rS3cret!@db.internal:5432/runs\n  password: correct-horse-battery\n"
        + "aws:\n  access_key_id: AKIAUJZDE8GXD6NCF10E\n  secret_access_key: El2hpChYgCfrL1spNxnyVmihA+2O76UMFxFkM+R5\n"
        + "hub:\n  token: hf_W2mZp0zVZomHFwUbbYrEqmSM9wCZ7Uw9xf\n"
        + "tokenizer:\n  pad_token: \"<pad>\"\n  max_tokens: 512\n"
        + "tls_key: |\n" + FakeSecrets.PRIVATE_KEY.replaceAll("(?m)^", "  ") + "\n";
    Record r = new Record(RecordKind.RUN, "hydra", "/w/outputs/.hydra");
    Map<String, Object> params = new LinkedHashMap<>();
    Flatten.into(params, "", YamlTrees.parse(yaml, "config.yaml").tree());
    params.forEach(r::param);
    r.setText(yaml);
    int n = redactor.redact(r);
    assertNoSecretLeft(r);
    assertEquals("[REDACTED:password]", r.getParams().get("db.password"));
    assertEquals("postgresql://ml:[REDACTED:url-password]@db.internal:5432/runs", r.getParams().get("db.url"));
    assertEquals("[REDACTED:access-key]", r.getParams().get("aws.secret_access_key"));
    assertEquals("[REDACTED:aws-access-key-id]", r.getParams().get("aws.access_key_id"));
    assertEquals("[REDACTED:token]", r.getParams().get("hub.token"));
    assertEquals("<pad>", r.getParams().get("tokenizer.pad_token"));
    assertEquals(512L, r.getParams().get("tokenizer.max_tokens"));
    assertEquals("resnet50", r.getParams().get("model"));
    assertTrue(r.getText().contains("password: [REDACTED:password]"), r.getText());
    assertTrue(r.getText().contains("[REDACTED:private-key]"), r.getText());
    assertTrue(n >= 11, "params and text: " + n);
    String warning = r.getWarnings().get(0);
    assertTrue(warning.contains("params.db.password (password)"), warning);
    assertTrue(warning.contains("text line 6 (password)"), warning);
  }

  @Test
  void mlflowParamsTagsAndGitRemotesAreRedacted() throws IOException {
    Path run = fs.getPath("/w/mlruns/1/abc123");
    TestTrees.write(run.resolve("meta.yaml"), "run_id: abc123\nexperiment_id: '1'\nstatus: 3\nstart_time: 1700000000000\n");
    TestTrees.write(run.resolve("params/db_password"), "correct-horse-battery");
    TestTrees.write(run.resolve("params/openai_api_key"), "sk-proj-jgVvVqE1SkHbn88HxjSI6bWHtP3fS2qHx6kwXoIIXGvOoNZY");
    TestTrees.write(run.resolve("params/tracking_db"), "postgresql://ml:Sup3rS3cret!@db.internal:5432/runs");
    TestTrees.write(run.resolve("params/lr"), "0.01");
    TestTrees.write(run.resolve("tags/mlflow.source.git.repoURL"),
        "https://oauth2:glpat-Ku8iS2G8NPRVdD53X83R@gitlab.com/team/project.git");
    TestTrees.write(run.resolve("tags/mlflow.source.git.commit"), "5f0c1d7e9a2b3c4d5e6f708192a3b4c5d6e7f809");
    TestTrees.write(run.resolve("metrics/acc"), "1700000000000 0.9 0\n");
    Record r = new MlflowRunParser().parse(TestTrees.view(run), new ParseContext()).get(0);
    assertTrue(json(r).contains("correct-horse-battery"), "the fixture plants the password");
    redactor.redact(r);
    assertNoSecretLeft(r);
    assertEquals("[REDACTED:password]", r.getParams().get("db_password"));
    assertEquals("[REDACTED:api-key]", r.getParams().get("openai_api_key"));
    assertEquals("0.01", r.getParams().get("lr"));
    assertEquals("5f0c1d7e9a2b3c4d5e6f708192a3b4c5d6e7f809", r.getTags().get("mlflow.source.git.commit"));
    assertFalse(r.getTags().get("mlflow.source.git.repoURL").contains("glpat-"));
  }

  @Test
  void aWandbConfigFileIsRedacted() throws IOException {
    String config = "wandb_version: 1\n"
        + "_wandb:\n  desc: null\n  value:\n    cli_version: 0.16.0\n"
        + "lr:\n  desc: null\n  value: 0.0003\n"
        + "hf_token:\n  desc: null\n  value: hf_W2mZp0zVZomHFwUbbYrEqmSM9wCZ7Uw9xf\n"
        + "WANDB_API_KEY:\n  desc: null\n  value: a81f5c2e9d0b4477\n"
        + "webhook:\n  desc: null\n  value: https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnopqrstuvwx\n";
    Record r = new Record(RecordKind.RUN, "wandb", "/w/wandb/run-1");
    YamlTrees.parse(config, "config.yaml").tree().fields().forEachRemaining(e -> {
      if (!e.getKey().startsWith("_") && e.getValue().has("value")) {
        r.param(e.getKey(), Flatten.value(e.getValue().get("value")));
      }
    });
    r.setText(config);
    redactor.redact(r);
    assertNoSecretLeft(r);
    assertEquals("[REDACTED:token]", r.getParams().get("hf_token"));
    assertEquals("[REDACTED:api-key]", r.getParams().get("WANDB_API_KEY"));
    assertEquals("[REDACTED:slack-webhook]", r.getParams().get("webhook"));
    assertEquals(0.0003, r.getParams().get("lr"));
    assertFalse(r.getText().contains("a81f5c2e9d0b4477"), "value: on the line after the name");
  }

  @Test
  void envFilesJsonAndCommandLinesAreRedacted() {
    String text = "export OPENAI_API_KEY=sk-proj-jgVvVqE1SkHbn88HxjSI6bWHtP3fS2qHx6kwXoIIXGvOoNZY\n"
        + "DB_PASSWORD=letmein\n"
        + "{\"api_key\": \"abc-123-def\", \"secret\": \"shh\", \"token\": null}\n"
        + "python train.py --password hunter22 --hf-token=tok_999 --lr 0.1\n"
        + "os.environ[\"HF_TOKEN\"] = \"hf_W2mZp0zVZomHFwUbbYrEqmSM9wCZ7Uw9xf\"\n"
        + "os.environ.setdefault('SLACK_TOKEN', 'plain-value-1')\n"
        + "token: str = \"typed-value-2\"\n"
        + "curl -H 'Authorization: Bearer abcdefghijklmnop123'\n";
    String out = redactor.redact(text);
    for (String leaked : List.of("sk-proj-", "letmein", "abc-123-def", "shh", "hunter22", "tok_999", "hf_W2m",
        "plain-value-1", "typed-value-2", "abcdefghijklmnop123")) {
      assertFalse(out.contains(leaked), leaked + " in\n" + out);
    }
    assertTrue(out.contains("\"token\": null"), out);
    assertTrue(out.contains("--lr 0.1"), out);
  }

  @Test
  void hashesIdsAndMlSettingsAreNotSecrets() {
    String text = "commit 5f0c1d7e9a2b3c4d5e6f708192a3b4c5d6e7f809\n"
        + "md5: 9e107d9d372bb6826bd81d3542a419d6\n"
        + "sha256:0034d6608697a8d41bed440e50454f31af3176813e02ea68ef786e4d3cea27d2\n"
        + "run_id = '3f2b8c1e-6a4d-4e2f-9b1a-7c5d8e9f0a1b'\n"
        + "tokenizer = AutoTokenizer.from_pretrained('bert-base-uncased')\n"
        + "tokenizer.pad_token = tokenizer.eos_token\n"
        + "max_tokens = 512\nnum_tokens: 2048\ntoken_type_ids = enc['token_type_ids']\n"
        + "password_hash = 'pbkdf2:sha256:260000$abc'\n"
        + "def login(token: str, password: str = None):\n"
        + "    password = getpass()\n    connect(password=password, token=token)\n"
        + "api_key = os.environ['OPENAI_API_KEY']\n"
        + "secret_name: my-secret\n"
        + "endpoint = 'http://localhost:8888/invocations'\n"
        + "df = pd.read_csv('s3://bucket/data/train.csv')\n"
        + "from sklearn.svm import SVC  # sk-learn style names: sk-learn-is-not-a-key-at-all\n"
        + "loss: 0.3125 - accuracy: 0.8672\n"
        + "token = None\npassword: ${DB_PASSWORD}\napi_key: <your key here>\nsecret: \"\"\n"
        + "            OAuthToken: !Ref GitHubToken\n"
        + "{'Caribbean': 650, 'Secret': 652, 'Service': 653}\n";
    Record r = new Record(RecordKind.NOTEBOOK, "notebook", "/w/x.ipynb");
    r.setText(text);
    r.setHash("sha256:0034d6608697a8d41bed440e50454f31af3176813e02ea68ef786e4d3cea27d2");
    r.getCode().setGitCommit("5f0c1d7e9a2b3c4d5e6f708192a3b4c5d6e7f809");
    r.param("tokenizer.pad_token", "<pad>");
    r.param("max_new_tokens", 256L);
    r.param("use_auth_token", true);
    r.getLineage().input(LineageRef.path("/data/train.csv", "pd.read_csv").withHash("md5:9e107d9d372bb6826bd81d3542a419d6", 10L));
    assertEquals(0, redactor.redact(r), r.getText());
    assertEquals(text, r.getText());
    assertTrue(r.getWarnings().isEmpty());
  }

  @Test
  void theAllowListKeepsKnownValuesAndExtraPatternsAddKinds() {
    SecretRedactor configured = new SecretRedactor(new RedactionSettings(
        List.of("(?i)internal-id=(\\w+)", "ACME-[0-9]{6}"), List.of("AKIAUJZDE8GXD6NCF10E")));
    String out = configured.redact("a = 'AKIAUJZDE8GXD6NCF10E'\nb = 'AKIAZZZZZZZZZZZZZZZZ'\ninternal-id=xyz42 ACME-123456\n");
    assertEquals("a = 'AKIAUJZDE8GXD6NCF10E'\nb = '[REDACTED:aws-access-key-id]'\n"
        + "internal-id=[REDACTED:custom] [REDACTED:custom]\n", out);
  }

  @Test
  void everyFieldIsCoveredAndTheWarningNamesPlacesNotValues() {
    Record r = new Record(RecordKind.RUN, "mlflow", "/w/run");
    r.setName("run with ghp_sMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8");
    r.setExperiment("exp xoxb-866661760313-7215901092815-Nbe3nNyjOq9wMxEhh2FDEEtf");
    r.guessedParam("ghp_sMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8", 1L, "literal keyword argument");
    r.param("nested", Map.of("password", "correct-horse-battery"));
    r.param("list", List.of("hf_W2mZp0zVZomHFwUbbYrEqmSM9wCZ7Uw9xf", "fine"));
    r.tag("note", "key AIzaCnD8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stq");
    r.property("env.GITHUB_TOKEN", "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");
    r.metric("loss for AKIAUJZDE8GXD6NCF10E", io.mlindex.record.Metric.single(0.1));
    r.getCode().setGitRemote("https://user:Sup3rS3cret!@github.com/org/repo.git");
    r.getCode().getPackages().add("git+https://glpat-Ku8iS2G8NPRVdD53X83R@gitlab.com/x/y.git");
    r.getLineage().input(LineageRef.named("https://api.example.org/data?token=tok-77c1e0", "uri", "pd.read_csv"));
    r.getLineage().output(LineageRef.path("/w/eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJtbC1ib3QiLCJpYXQiOjE3MDAwMDAwMDB9.Qy3mZk0c9VwXnE1rT5uJh7LpA2sD4fG6hJ8kL0zX1cV", "open"));
    r.warn("could not parse: sk-proj-jgVvVqE1SkHbn88HxjSI6bWHtP3fS2qHx6kwXoIIXGvOoNZY");
    int n = redactor.redact(r);
    assertNoSecretLeft(r);
    assertFalse(json(r).contains("tok-77c1e0"));
    assertEquals(13, n);
    assertEquals("literal keyword argument", r.getParamsSource().get("[REDACTED:github-token]"), "params_source follows renamed keys");
    String warning = r.getWarnings().get(r.getWarnings().size() - 1);
    assertTrue(warning.startsWith("redacted 13 secret-looking values: name (github-token), experiment (slack-token)"), warning);
    for (FakeSecrets.Secret s : FakeSecrets.ALL) {
      assertFalse(warning.contains(s.value()));
    }
    assertEquals(0, redactor.redact(r), "redacting twice changes nothing");
  }

  @Test
  void anInvalidExtraPatternIsReportedNotFatal() {
    SecretRedactor configured = new SecretRedactor(new RedactionSettings(List.of("(unclosed"), List.of()));
    Record r = new Record(RecordKind.RUN, "x", "/r");
    r.setText("password = 'abcdef'");
    configured.redact(r);
    assertEquals("password = '[REDACTED:password]'", r.getText());
    assertTrue(r.getWarnings().get(0).startsWith("redaction.extra_patterns[0] is not a valid regular expression"));
  }

  @Test
  void hugeTextsAreScannedInLinearTime() {
    StringBuilder sb = new StringBuilder();
    sb.append("a".repeat(200_000)).append(" ").append("token".repeat(20_000)).append(' ');
    sb.append("-----BEGIN PRIVATE KEY-----").append("A".repeat(50_000)).append("\n\nafter");
    String out = redactor.redact(sb.toString());
    assertTrue(out.endsWith("[REDACTED:private-key]\n\nafter"), out.substring(out.length() - 60));
  }
}
