package io.mlindex.index;

/**
 * A lineage question.
 *
 * @param ref where to start: a record id, a path (absolute, or relative = matched by its trailing
 *     components), a named reference ({@code bert-base-uncased}) or a content hash ({@code md5:...},
 *     {@code sha256:...})
 * @param direction which way to walk
 * @param maxDepth most edges between the start and any node ({@link #UNLIMITED} for no limit)
 * @param maxNodes most nodes in the answer; a bigger graph is cut and marked truncated
 */
public record LineageRequest(String ref, LineageDirection direction, int maxDepth, int maxNodes) {
  public static final int UNLIMITED = Integer.MAX_VALUE;
  public static final int DEFAULT_MAX_NODES = 500;
  /** Longest reference accepted, in characters. */
  public static final int MAX_REF_LENGTH = 4096;

  public LineageRequest {
    direction = direction == null ? LineageDirection.BOTH : direction;
  }

  public static LineageRequest of(String ref, LineageDirection direction) {
    return new LineageRequest(ref, direction, UNLIMITED, DEFAULT_MAX_NODES);
  }

  void validate() throws LineageException {
    if (ref == null || ref.isBlank()) {
      throw new LineageException(LineageException.Reason.BAD_REQUEST,
          "give a record id, a path or a hash (md5:..., sha256:...) to start from");
    }
    if (ref.length() > MAX_REF_LENGTH) {
      throw new LineageException(LineageException.Reason.BAD_REQUEST,
          "the reference is longer than " + MAX_REF_LENGTH + " characters");
    }
    if (maxDepth < 0) {
      throw new LineageException(LineageException.Reason.BAD_REQUEST, "depth must not be negative, not " + maxDepth);
    }
    if (maxNodes < 1) {
      throw new LineageException(LineageException.Reason.BAD_REQUEST, "max nodes must be at least 1, not " + maxNodes);
    }
  }
}
