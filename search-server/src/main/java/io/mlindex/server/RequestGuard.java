package io.mlindex.server;

import io.mlindex.config.ServerSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * What every request passes: security headers, CORS (off unless origins are configured) and the
 * bearer token. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the
 * time taken says nothing about the token, not even its length.
 */
final class RequestGuard {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
          + " frame-ancestors 'none'; form-action 'self'";

  private final byte[] tokenDigest;
  private final List<String> corsOrigins;

  RequestGuard(ServerSettings settings) {
    this.tokenDigest = settings.token() == null ? null : sha256(settings.token());
    this.corsOrigins = settings.corsOrigins();
  }

  boolean hasToken() {
    return tokenDigest != null;
  }

  void register(Service http) {
    http.before(this::headers);
    http.before("/api/*", this::requireTokenIfConfigured);
    http.before("/metrics", this::requireTokenIfConfigured);
  }

  /** Security headers on every answer; CORS headers for configured origins; preflights answered here. */
  void headers(Request req, Response res) {
    securityHeaders(res);
    String origin = req.headers("Origin");
    if (origin != null && allowed(origin)) {
      res.header("Access-Control-Allow-Origin", corsOrigins.contains("*") ? "*" : origin);
      res.header("Vary", "Origin");
      if (req.requestMethod().equals("OPTIONS")) {
        res.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        res.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        res.header("Access-Control-Max-Age", "600");
        throw new Preflight();
      }
    }
  }

  static void securityHeaders(Response res) {
    res.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    res.header("X-Content-Type-Options", "nosniff");
    res.header("X-Frame-Options", "DENY");
    res.header("Referrer-Policy", "no-referrer");
    res.header("Cross-Origin-Opener-Policy", "same-origin");
  }

  private boolean allowed(String origin) {
    return corsOrigins.contains("*") || corsOrigins.contains(origin);
  }

  private void requireTokenIfConfigured(Request req, Response res) {
    if (tokenDigest != null && !req.requestMethod().equals("OPTIONS")) {
      checkToken(req, res);
    }
  }

  /** For endpoints that change something: a token is always needed, and the server must have one. */
  void requireToken(Request req, Response res) {
    if (tokenDigest == null) {
      throw new ApiError(403, "this endpoint needs a token and the server has none; start it with"
          + " MLINDEX_TOKEN (or server.token) set, then send 'Authorization: Bearer <token>'");
    }
    checkToken(req, res);
  }

  private void checkToken(Request req, Response res) {
    String header = req.headers("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      res.header("WWW-Authenticate", "Bearer");
      throw new ApiError(401, "this server needs a token: send 'Authorization: Bearer <token>'");
    }
    if (!MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).trim()))) {
      res.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw new ApiError(401, "the token is not valid for this server");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Ends a CORS preflight with 204 (thrown from the filter so that no route runs). */
  static final class Preflight extends RuntimeException {
    Preflight() {
      super(null, null, false, false);
    }
  }
}
