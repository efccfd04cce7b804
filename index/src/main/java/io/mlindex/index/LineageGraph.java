package io.mlindex.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;

/**
 * Lineage over the index: where a record, file or content came from and what came from it. Edges
 * are the lineage references records state, plus implied ones: a run produced the files in its
 * folder, a folder holds its files, and files with the same content hash are one artifact (so a
 * DVC stage's outputs feed every stage whose inputs name the same path or the same md5). Files
 * that no record describes are nodes too.
 *
 * <p>The graph is never loaded: each level of the breadth-first walk is a few term lookups on
 * {@code lineage.in}, {@code lineage.out}, {@code lineage}, {@code path} and {@code hash}; the node
 * limit bounds both the answer and the work, and the answer says when it was cut.
 */
public final class LineageGraph {
  /** Most nodes a query operator's expansion may visit, records and artifacts together. */
  static final int EXPANSION_NODE_FACTOR = 2;

  private final LineageIndex index;
  private long lastLookups;
  private long lastDocumentsRead;

  LineageGraph(IndexSearcher searcher) throws IOException {
    this.index = new LineageIndex(searcher);
  }

  /** Answers a lineage question; throws NOT_FOUND when nothing in the index matches the reference. */
  public LineageResult traverse(LineageRequest request) throws IOException, LineageException {
    request.validate();
    LineageTraversal t = new LineageTraversal(index, request.maxNodes(), true);
    List<GraphNode> start = new LineageStart(t).resolve(request.ref().trim());
    if (start.isEmpty()) {
      throw notFound(request.ref());
    }
    t.run(start, request.direction(), request.maxDepth());
    record(t);
    List<LineageNode> nodes = new ArrayList<>();
    t.nodes().forEach(n -> nodes.add(n.toNode()));
    return new LineageResult(nodes, new ArrayList<>(t.edges()), t.truncated(), start.stream().map(n -> n.id).toList());
  }

  /**
   * The ids of every record downstream (or upstream) of a reference, transitively, without the
   * start itself; empty when nothing matches it. Throws TOO_LARGE past {@code maxRecords}.
   */
  Set<String> reachableRecords(String ref, LineageDirection direction, int maxRecords) throws IOException, LineageException {
    new LineageRequest(ref, direction, LineageRequest.UNLIMITED, 1).validate();
    int maxNodes = (int) Math.min(Integer.MAX_VALUE - 1, (long) EXPANSION_NODE_FACTOR * maxRecords + 1);
    LineageTraversal t = new LineageTraversal(index, maxNodes, false);
    List<GraphNode> start = new LineageStart(t).resolve(ref.trim());
    if (start.isEmpty()) {
      return Set.of();
    }
    t.run(start, direction, LineageRequest.UNLIMITED);
    record(t);
    Set<String> ids = new LinkedHashSet<>();
    for (GraphNode n : t.nodes()) {
      if (n.isRecord() && !start.contains(n)) {
        ids.add(n.id);
      }
    }
    if (t.truncated() || ids.size() > maxRecords) {
      throw new LineageException(LineageException.Reason.TOO_LARGE,
          "the lineage of '" + ref + "' reaches more than " + maxRecords + " records; name a more specific"
              + " path or record, or explore it with 'mlindex lineage'");
    }
    return ids;
  }

  private void record(LineageTraversal t) {
    lastLookups = index.lookups();
    lastDocumentsRead = index.documentsRead();
  }

  /** Index lookups made so far by this graph (for benchmarks and tests of boundedness). */
  public long lookups() {
    return lastLookups;
  }

  /** Stored records read so far by this graph. */
  public long documentsRead() {
    return lastDocumentsRead;
  }

  static LineageException notFound(String ref) {
    return new LineageException(LineageException.Reason.NOT_FOUND,
        "nothing in the index is or names '" + ref + "' (no record id, path, lineage reference or hash matches it)");
  }
}
