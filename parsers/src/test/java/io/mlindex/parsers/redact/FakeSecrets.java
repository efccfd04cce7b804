package io.mlindex.parsers.redact;

import java.util.List;

/** Made-up values shaped like real secrets (none of them was ever valid), with the kind each is reported as. */
final class FakeSecrets {
  record Secret(String kind, String value, String line) {}

  static final String PRIVATE_KEY =
      "-----BEGIN RSA PRIVATE KEY-----\n"
          + "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
          + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
          + "-----END RSA PRIVATE KEY-----";

  /** One line of code (or text) per secret kind, planting {@code value}. */
  static final List<Secret> ALL =
      List.of(
          new Secret("aws-access-key-id", "AKIAUJZDE8GXD6NCF10E", "key_id = 'AKIAUJZDE8GXD6NCF10E'"),
          new Secret("aws-secret-access-key", "El2hpChYgCfrL1spNxnyVmihA+2O76UMFxFkM+R5",
              "AWS_SECRET = \"El2hpChYgCfrL1spNxnyVmihA+2O76UMFxFkM+R5\""),
          new Secret("github-token", "ghp_sMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8",
              "gh = Github('ghp_sMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8')"),
          new Secret("github-token",
              "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",
              "client(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)"),
          new Secret("gitlab-token", "glpat-Ku8iS2G8NPRVdD53X83R", "gl = gitlab.Gitlab(url, 'glpat-Ku8iS2G8NPRVdD53X83R')"),
          new Secret("slack-token", "xoxb-866661760313-7215901092815-Nbe3nNyjOq9wMxEhh2FDEEtf",
              "slack = WebClient('xoxb-866661760313-7215901092815-Nbe3nNyjOq9wMxEhh2FDEEtf')"),
          new Secret("openai-key", "sk-proj-jgVvVqE1SkHbn88HxjSI6bWHtP3fS2qHx6kwXoIIXGvOoNZY",
              "client = OpenAI(key='sk-proj-jgVvVqE1SkHbn88HxjSI6bWHtP3fS2qHx6kwXoIIXGvOoNZY')"),
          new Secret("huggingface-token", "hf_W2mZp0zVZomHFwUbbYrEqmSM9wCZ7Uw9xf",
              "login('hf_W2mZp0zVZomHFwUbbYrEqmSM9wCZ7Uw9xf')"),
          new Secret("google-api-key", "AIzaCnD8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stq",
              "genai.configure(AIzaCnD8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stq)"),
          new Secret("jwt",
              "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJtbC1ib3QiLCJpYXQiOjE3MDAwMDAwMDB9.Qy3mZk0c9VwXnE1rT5uJh7LpA2sD4fG6hJ8kL0zX1cV",
              "headers = {'X': 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJtbC1ib3QiLCJpYXQiOjE3MDAwMDAwMDB9.Qy3mZk0c9VwXnE1rT5uJh7LpA2sD4fG6hJ8kL0zX1cV'}"),
          new Secret("url-password", "Sup3rS3cret!", "engine = create_engine('postgresql://ml:Sup3rS3cret!@db.internal:5432/runs')"),
          new Secret("password", "correct-horse-battery", "password = \"correct-horse-battery\""),
          new Secret("api-key", "a81f5c2e9d0b4477", "wandb_api_key = 'a81f5c2e9d0b4477'"),
          new Secret("token", "tok-77c1e0", "connect(auth_token=\"tok-77c1e0\")"),
          new Secret("secret", "s3cr3t-v4lue", "client_secret: s3cr3t-v4lue"),
          new Secret("access-key", "QWERTY123456", "ACCESS_KEY=QWERTY123456"),
          new Secret("private-key", PRIVATE_KEY.split("\n")[1], PRIVATE_KEY));

  private FakeSecrets() {}
}
