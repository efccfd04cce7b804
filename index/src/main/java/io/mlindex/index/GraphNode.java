package io.mlindex.index;

import java.util.LinkedHashSet;
import java.util.Set;

/** A node while a traversal runs: what it is, what is known of its content, where it was reached. */
final class GraphNode {
  /** Most content hashes remembered per node (a file rarely has more than an md5 and a sha256). */
  private static final int MAX_HASHES = 4;

  final String key;
  final String id;
  final StoredRecord record;
  /** For an artifact: its path (local or foreign) or named reference; for a file-like record: its path. */
  final String target;
  final String refKind;
  final boolean foreign;
  final boolean named;
  final Set<String> hashes = new LinkedHashSet<>();
  boolean reachedUp;
  boolean reachedDown;

  private GraphNode(String key, String id, StoredRecord record, String target, String refKind, boolean foreign, boolean named) {
    this.key = key;
    this.id = id;
    this.record = record;
    this.target = target;
    this.refKind = refKind;
    this.foreign = foreign;
    this.named = named;
  }

  static GraphNode of(StoredRecord r) {
    GraphNode n = new GraphNode("r:" + r.id(), r.id(), r, r.path(), null, false, false);
    n.addHash(r.hash());
    return n;
  }

  /** An artifact no record describes: a path ({@code named} false) or a named reference. */
  static GraphNode artifact(String target, String refKind, boolean foreign, boolean named) {
    return new GraphNode("a:" + target, target, null, target, refKind, foreign, named);
  }

  static String recordKey(String id) {
    return "r:" + id;
  }

  static String artifactKey(String target) {
    return "a:" + target;
  }

  boolean isRecord() {
    return record != null;
  }

  /** Whether this node stands for a file, folder or named thing that others read and write. */
  boolean isArtifactLike() {
    return record == null || (record.fileLike() && record.path() != null);
  }

  /** The local absolute path this node stands for, if any. */
  String localPath() {
    if (!isArtifactLike() || target == null || foreign || named) {
      return null;
    }
    return PathTails.isLocal(target) ? target : null;
  }

  boolean isRun() {
    return record != null && record.run() && record.path() != null && PathTails.isLocal(record.path());
  }

  void addHash(String hash) {
    if (PathTails.joinable(hash) && hashes.size() < MAX_HASHES) {
      hashes.add(hash);
    }
  }

  boolean reached(LineageDirection d) {
    return d == LineageDirection.UP ? reachedUp : reachedDown;
  }

  void markReached(LineageDirection d) {
    if (d == LineageDirection.UP) {
      reachedUp = true;
    } else {
      reachedDown = true;
    }
  }

  LineageNode toNode() {
    if (record != null) {
      return new LineageNode(id, record.kind(), record.format(), record.path(),
          record.name() != null ? record.name() : record.path() == null ? id : PathTails.lastComponent(record.path()),
          true, null, record.hash(), null);
    }
    return new LineageNode(id, "artifact", null, named ? null : target, PathTails.lastComponent(target), false,
        refKind, hashes.isEmpty() ? null : hashes.iterator().next(), foreign ? Boolean.TRUE : null);
  }
}
