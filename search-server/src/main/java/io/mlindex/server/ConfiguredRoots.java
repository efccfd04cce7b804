package io.mlindex.server;

import java.util.List;

/**
 * The roots this server crawls. A path that a client sends is accepted only when it is one of
 * them (or lies below one, for lookups), so no request can name arbitrary places on the host.
 */
public final class ConfiguredRoots {
  private static final int MAX_PATH_CHARS = 4096;

  private final List<String> roots;

  /** @param roots absolute, normalised POSIX paths */
  public ConfiguredRoots(List<String> roots) {
    this.roots = roots.stream().map(ConfiguredRoots::withoutTrailingSlash).toList();
  }

  public List<String> list() {
    return roots;
  }

  /** The configured root the client named; a 400 naming the roots otherwise. */
  public String requireRoot(String given) {
    String path = checkedPath(given);
    if (!roots.contains(path)) {
      throw new ApiError(400, "'" + given + "' is not a configured root; the roots are " + roots);
    }
    return path;
  }

  /** Whether a path is a root or lies below one. */
  public boolean covers(String given) {
    String path;
    try {
      path = checkedPath(given);
    } catch (ApiError e) {
      return false;
    }
    for (String root : roots) {
      if (path.equals(root) || path.startsWith(root.equals("/") ? "/" : root + "/")) {
        return true;
      }
    }
    return false;
  }

  /** An absolute path without dot segments or control characters (those never name a root). */
  private static String checkedPath(String given) {
    if (given == null || given.isEmpty() || given.length() > MAX_PATH_CHARS || !given.startsWith("/")) {
      throw new ApiError(400, "a path must be absolute (start with /) and at most " + MAX_PATH_CHARS + " characters");
    }
    for (String segment : given.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new ApiError(400, "a path may not contain '.' or '..' segments");
      }
    }
    for (int i = 0; i < given.length(); i++) {
      if (Character.isISOControl(given.charAt(i))) {
        throw new ApiError(400, "a path may not contain control characters");
      }
    }
    return withoutTrailingSlash(given);
  }

  private static String withoutTrailingSlash(String p) {
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
