package io.mlindex.index;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The answer to a lineage question: a graph in discovery order (breadth first from the start).
 *
 * @param nodes every node reached, the start nodes first
 * @param edges every edge between them, in data-flow direction
 * @param truncated true when the graph was cut at the node limit (or a lookup's bound), so that
 *     more nodes exist than are shown
 * @param start ids of the nodes the reference matched
 */
@JsonPropertyOrder({"nodes", "edges", "truncated", "start"})
public record LineageResult(List<LineageNode> nodes, List<LineageEdge> edges, boolean truncated, List<String> start) {
  public LineageResult {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    start = List.copyOf(start);
  }
}
