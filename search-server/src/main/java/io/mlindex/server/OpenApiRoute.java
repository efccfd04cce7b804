package io.mlindex.server;

import spark.Request;
import spark.Response;

/** {@code GET /api/openapi.json}: the hand-written OpenAPI 3 document of this API. */
final class OpenApiRoute {
  static final String BASE = "io/mlindex/server/";

  private final ClasspathFiles files;

  OpenApiRoute(ClasspathFiles files) {
    this.files = files;
  }

  Object document(Request req, Response res) {
    return files.get(BASE, "openapi.json").orElseThrow(() -> new IllegalStateException("openapi.json is missing from the build")).bytes();
  }
}
