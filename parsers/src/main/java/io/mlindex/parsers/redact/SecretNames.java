package io.mlindex.parsers.redact;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which names hold secrets ({@code password}, {@code db.password}, {@code HF_TOKEN}, {@code
 * apiKey}, {@code aws_secret_access_key}) and which values are only placeholders. A name counts
 * when its last word is one of the secret words, so {@code password_hash}, {@code max_tokens} and
 * {@code token_type_ids} do not; tokenizer settings such as {@code pad_token} or {@code eos_token}
 * are not secrets either.
 */
final class SecretNames {
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?:^|_)(password|passwd|passphrase|pwd|secret|token|api_?key|access_?key|secret_?key"
          + "|private_?key|client_?secret|credentials?|auth_?token|access_?token|refresh_?token|bearer)$");
  private static final Pattern TOKENIZER_TOKEN =
      Pattern.compile("(?:^|_)(pad|eos|bos|unk|sep|cls|mask|start|end|special|oov|sos|eot|null|blank|begin|stop"
          + "|additional_special|decoder_start|image|video|audio|default|new|max|num|min|n)_?tokens?$");
  private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
  private static final Pattern PLACEHOLDER =
      Pattern.compile("(?i)^(?:|null|none|nil|~|true|false|yes|no|on|off|undefined|\\*+|x{3,}|\\.{3}|<[^>]*>|\\$\\{?[\\w.:-]*\\}?"
          + "|\\{\\{.*\\}\\}|%\\(?\\w*\\)?s?|\\[REDACTED[^\\]]*\\]|redacted|your[_-][\\w-]*)$");

  private SecretNames() {}

  /** The name in snake case: {@code apiKey -> api_key}, {@code db.Password -> db_password}. */
  static String snake(String name) {
    String s = CAMEL.matcher(name).replaceAll("$1_$2");
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
  }

  /** Whether a value given to this name is a secret. */
  static boolean isSecretName(String name) {
    if (name == null || name.isEmpty() || name.length() > 200) {
      return false;
    }
    String s = snake(name);
    return SECRET_NAME.matcher(s).find() && !TOKENIZER_TOKEN.matcher(s).find();
  }

  /** The kind a secret under this name is reported as ({@code password}, {@code token}, {@code api-key}, ...). */
  static String kindOf(String name) {
    String s = snake(name);
    if (s.endsWith("password") || s.endsWith("passwd") || s.endsWith("pwd") || s.endsWith("passphrase")) {
      return "password";
    }
    if (s.endsWith("token") || s.endsWith("bearer")) {
      return "token";
    }
    if (s.endsWith("api_key") || s.endsWith("apikey")) {
      return "api-key";
    }
    if (s.endsWith("access_key") || s.endsWith("accesskey")) {
      return "access-key";
    }
    if (s.endsWith("private_key") || s.endsWith("privatekey")) {
      return "private-key";
    }
    if (s.endsWith("credentials") || s.endsWith("credential")) {
      return "credential";
    }
    return "secret";
  }

  /** Whether a value is empty, a boolean, a null or a placeholder ({@code ${TOKEN}}, {@code <your key>}, {@code ***}). */
  static boolean isPlaceholder(String value) {
    return value == null || value.isBlank() || PLACEHOLDER.matcher(value.strip()).matches();
  }
}
