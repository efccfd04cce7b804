package io.mlindex.server;

import spark.Request;
import spark.Response;

/**
 * The web UI from the classpath: {@code /} (also {@code /?q=...}) and {@code /index.html} answer
 * index.html; {@code /static/<file>} is looked up under the UI folder's {@code static/}, then in
 * the folder itself; {@code /webjars/<name>/<version>/<file>} comes from WebJars on the classpath.
 */
final class StaticUiRoutes {
  static final String WEBJARS = "META-INF/resources/webjars/";

  private final ClasspathFiles files;
  private final String base;

  StaticUiRoutes(ClasspathFiles files, String uiResources) {
    this.files = files;
    this.base = uiResources;
  }

  Object index(Request req, Response res) {
    return send(res, files.get(base, "index.html").orElseThrow(() -> new ApiError(404,
        "the web UI is not part of this build; the API is at /api (see /api/openapi.json)")));
  }

  Object staticFile(Request req, Response res) {
    String rel = splat(req);
    ClasspathFiles.File f = files.get(base, "static/" + rel).or(() -> files.get(base, rel))
        .orElseThrow(() -> notFound(req));
    return send(res, f);
  }

  Object webjar(Request req, Response res) {
    String rel = splat(req);
    return send(res, files.get(WEBJARS, rel).orElseThrow(() -> notFound(req)));
  }

  /** The part after the route's prefix, as sent (still percent-encoded: such names are refused). */
  private static String splat(Request req) {
    String[] splat = req.splat();
    return splat.length == 0 ? "" : splat[0];
  }

  private static ApiError notFound(Request req) {
    return new ApiError(404, "no such file: " + Params.shorten(req.pathInfo()));
  }

  private static Object send(Response res, ClasspathFiles.File f) {
    res.type(f.type());
    res.header("Cache-Control", "no-cache");
    return f.bytes();
  }
}
