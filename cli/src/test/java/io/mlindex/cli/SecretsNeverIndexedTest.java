package io.mlindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.record.RecordJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Plants twenty made-up secrets of different kinds across a tree (notebook code, outputs, markdown,
 * papermill parameters and metadata, a Jupytext file, a training script, MLflow params and tags, a
 * Hydra config and overrides, a W&B config, an env file), crawls it, and checks that searching for each value
 * finds nothing and that neither search nor export prints any of them.
 */
class SecretsNeverIndexedTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static final String PRIVATE_KEY_LINE = "MIIEpQIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi7wqLQ2mEjQ8sTtNuQnEhvRmc9";

  /** Twenty values, each shaped like a different kind of secret or planted in a different place. */
  private static final List<String> SECRETS =
      List.of(
          "AKIAQ7R2M4XW9T3LPZ6B",
          "Kq9/Rz4+Wm2Tn8Vb5Lc1Xd7Yf3Gh6Jk0Pq2Sw4Ez",
          "ghp_Zt4Wq8Lm2Nx6Rb0Vc3Yh7Kd1Pf5Gs9Jj2Ue4Aa",
          "hf_Qm3Rt7Wx1Zc5Vb9Nl2Kp6Hj0Gf4Ds8Ae3Yi7Uo",
          "sk-proj-Hn4Bq8Xw2Mz6Lk0Jt3Rv7Cy1Pd5Gf9Se2Wa4Qb8Ux6",
          "xoxb-204466188133-6613807721944-Ra7Hq2Lx9Wm4Kc1Vb5Nz8Tq",
          "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJldGwtYm90IiwiaWF0IjoxNzAwMDAwMDAxfQ.Vn8Lq2Xc5Hb1Rt7Mz4Kw9Pd3Gs6Jf0Ya2Ue8Ci5Ol1",
          "Tr0ub4dor&3x",
          "plover-xyzzy-7",
          "k-2f9c1d7e5b",
          "e3b4c1d298fc1c149afbf4c8996fb92427ae41e4",
          "glpat-Wd2Hk8Qn4Zx7Rb1Lm5Vc",
          "AIzaSyD4kQ9wLm2Xn7Rb3Hc8Tv1Pz6Gf0Ks5Jd4E",
          PRIVATE_KEY_LINE,
          "quartz-lemon-41",
          "sk-proj-Vb7Nm3Qx9Lk1Hz5Rt2Wc8Pj4Gd6Fs0Ya3Ue7Xi2",
          "Ci-Deploy-9931",
          "marble-otter-55",
          "hf_Lp5Xz1Qr8Wn3Vb7Kc2Hm6Tj0Gd4Fs9Ae1Yu5Io",
          "sq0csp-Ne8Rt2Wx6Zc4Vb1Nm7Kl3Hj9");

  @TempDir Path tmp;

  private record Result(int exit, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Environment env = new Environment(tmp, tmp.resolve("home"), Map.of(), Map.of(), Clock.systemUTC());
    CommandLine cmd = Main.newCommandLine(env);
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void plantedSecretsAreNeitherSearchableNorExported() throws IOException {
    Path tree = plantTree(tmp.resolve("tree"));
    String index = tmp.resolve("index").toString();

    Result crawl = run("crawl", "--index", index, "--format", "json", tree.toString());
    assertEquals(ExitCodes.OK, crawl.exit(), crawl.err());
    assertNoSecret("crawl report", crawl.out() + crawl.err());

    Result control = run("search", "--index", index, "--format", "json", "zebracorn");
    assertEquals(1, RecordJson.mapper().readTree(control.out()).get("total").asInt(), "the tree was indexed and is searchable");

    for (String secret : SECRETS) {
      Result r = run("search", "--index", index, "--format", "json", "\"" + secret + "\"");
      assertEquals(ExitCodes.OK, r.exit(), secret + ": " + r.err());
      JsonNode result = RecordJson.mapper().readTree(r.out());
      assertEquals(0, result.get("total").asInt(), "a search for " + secret + " found " + r.out());
      String word = secret.replaceAll("[^A-Za-z0-9]", " ").strip().split("\\s+")[0];
      Result loose = run("search", "--index", index, "--format", "json", word);
      assertFalse(loose.out().contains(secret), secret);
    }

    Result all = run("search", "--index", index, "--format", "json", "--limit", "1000");
    List<String> formats = new ArrayList<>();
    RecordJson.mapper().readTree(all.out()).get("hits").forEach(h -> formats.add(h.get("format").asText()));
    formats.sort(null);
    assertEquals(List.of("hydra", "mlflow", "mlflow", "notebook", "notebook", "script", "wandb"), formats,
        "Hydra run, MLflow experiment and run, notebook, Jupytext file, script, W&B run");
    assertNoSecret("search output", all.out());

    Result export = run("export", "--index", index);
    assertEquals(ExitCodes.OK, export.exit(), export.err());
    assertNoSecret("export", export.out());
    assertTrue(export.out().contains("[REDACTED:aws-access-key-id]"), "the redaction is visible");
    assertTrue(export.out().matches("(?s).*redacted [0-9]+ secret-looking values: text line [0-9]+.*"), "the warning says how many and where");
  }

  private static void assertNoSecret(String where, String text) {
    for (String secret : SECRETS) {
      assertFalse(text.contains(secret), where + " contains " + secret);
    }
  }

  private static Path plantTree(Path root) throws IOException {
    ObjectNode nb = F.objectNode();
    ArrayNode cells = nb.putArray("cells");
    markdown(cells, "# Leaky notebook zebracorn\nThe bot posts with xoxb-204466188133-6613807721944-Ra7Hq2Lx9Wm4Kc1Vb5Nz8Tq\n");
    code(cells, 1, "import boto3\nkey_id = 'AKIAQ7R2M4XW9T3LPZ6B'\naws_secret_access_key = \"Kq9/Rz4+Wm2Tn8Vb5Lc1Xd7Yf3Gh6Jk0Pq2Sw4Ez\"\n");
    code(cells, 2, "from github import Github\ngh = Github('ghp_Zt4Wq8Lm2Nx6Rb0Vc3Yh7Kd1Pf5Gs9Jj2Ue4Aa')\n");
    ObjectNode printed = code(cells, 3, "print(hub_token)\n");
    printed.withArray("outputs").addObject().put("output_type", "stream").put("name", "stdout")
        .put("text", "hf_Qm3Rt7Wx1Zc5Vb9Nl2Kp6Hj0Gf4Ds8Ae3Yi7Uo\n");
    ObjectNode failing = code(cells, 4, "client.chat()\n");
    failing.withArray("outputs").addObject().put("output_type", "error").put("ename", "AuthenticationError")
        .put("evalue", "Incorrect API key provided: sk-proj-Hn4Bq8Xw2Mz6Lk0Jt3Rv7Cy1Pd5Gf9Se2Wa4Qb8Ux6").putArray("traceback");
    code(cells, 5, "headers = {'Authorization': 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJldGwtYm90IiwiaWF0IjoxNzAwMDAwMDAxfQ.Vn8Lq2Xc5Hb1Rt7Mz4Kw9Pd3Gs6Jf0Ya2Ue8Ci5Ol1'}\n");
    code(cells, 6, "engine = create_engine('postgresql://etl:Tr0ub4dor&3x@warehouse:5432/ml')\npassword = \"plover-xyzzy-7\"\n");
    ObjectNode injected = code(cells, 7, "# Parameters\napi_key = \"k-2f9c1d7e5b\"\n");
    injected.with("metadata").putArray("tags").add("injected-parameters");
    ObjectNode meta = nb.putObject("metadata");
    meta.putObject("kernelspec").put("name", "python3").put("language", "python");
    meta.putObject("papermill").put("duration", 1.5).putObject("environment_variables")
        .put("WANDB_API_KEY", "e3b4c1d298fc1c149afbf4c8996fb92427ae41e4");
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 5);
    write(root.resolve("notebooks/leaky.ipynb"), nb.toString());

    write(root.resolve("pipelines/etl.py"), "# %%\nimport gitlab\n"
        + "gl = gitlab.Gitlab('https://gitlab.example.com', private_token='glpat-Wd2Hk8Qn4Zx7Rb1Lm5Vc')\n");
    write(root.resolve("src/train.py"), "import argparse\nimport torch\n\n"
        + "GEMINI = 'AIzaSyD4kQ9wLm2Xn7Rb3Hc8Tv1Pz6Gf0Ks5Jd4E'\n"
        + "SIGNING_KEY = '''-----BEGIN PRIVATE KEY-----\n" + PRIVATE_KEY_LINE + "\n-----END PRIVATE KEY-----'''\n"
        + "p = argparse.ArgumentParser()\np.add_argument('--lr', default=0.01)\n"
        + "for epoch in range(3):\n    loss.backward()\n");

    Path run = root.resolve("mlruns/1/5d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a");
    write(root.resolve("mlruns/1/meta.yaml"), "experiment_id: '1'\nname: churn\nlifecycle_stage: active\n");
    write(run.resolve("meta.yaml"), "run_id: 5d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a\nexperiment_id: '1'\nstatus: 3\n"
        + "start_time: 1700000000000\nend_time: 1700000100000\nlifecycle_stage: active\n");
    write(run.resolve("params/db_password"), "quartz-lemon-41");
    write(run.resolve("params/openai_api_key"), "sk-proj-Vb7Nm3Qx9Lk1Hz5Rt2Wc8Pj4Gd6Fs0Ya3Ue7Xi2");
    write(run.resolve("params/lr"), "0.01");
    write(run.resolve("tags/mlflow.source.git.repoURL"), "https://ci:Ci-Deploy-9931@git.example.com/ml/churn.git");
    write(run.resolve("metrics/accuracy"), "1700000050000 0.91 0\n");

    Path hydra = root.resolve("outputs/2024-01-01/12-00-00/.hydra");
    write(hydra.resolve("config.yaml"), "model: gbm\ndatabase:\n  host: db\n  password: marble-otter-55\n");
    write(hydra.resolve("overrides.yaml"), "- model=gbm\n- database.password=marble-otter-55\n");
    write(root.resolve("wandb/run-20240101_000000-abcd1234/files/config.yaml"),
        "wandb_version: 1\nlr:\n  desc: null\n  value: 0.01\nhf_token:\n  desc: null\n"
            + "  value: hf_Lp5Xz1Qr8Wn3Vb7Kc2Hm6Tj0Gd4Fs9Ae1Yu5Io\n");
    write(root.resolve(".env"), "SQUARE_ACCESS_TOKEN=sq0csp-Ne8Rt2Wx6Zc4Vb1Nm7Kl3Hj9\n");
    return root;
  }

  private static void markdown(ArrayNode cells, String source) {
    ObjectNode c = cells.addObject();
    c.put("cell_type", "markdown").put("source", source);
    c.putObject("metadata");
  }

  private static ObjectNode code(ArrayNode cells, int count, String source) {
    ObjectNode c = cells.addObject();
    c.put("cell_type", "code").put("execution_count", count).put("source", source);
    c.putObject("metadata");
    c.putArray("outputs");
    return c;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
