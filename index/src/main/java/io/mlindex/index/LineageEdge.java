package io.mlindex.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An edge of a lineage answer, pointing the way data flowed.
 *
 * @param from node id data came from
 * @param to node id data went to
 * @param relation {@code reads} (artifact to the record that read it), {@code writes} (record to
 *     what it wrote), {@code run-folder} (run to a file inside its folder), {@code contains} (folder
 *     to a file inside it), {@code same-content} (a file and a copy with the same content hash)
 * @param evidence which record and field stated it
 * @param uncertain true when the edge rests on a guess (a foreign path matched by its tail, a
 *     sampled hash, a reference the parser marked uncertain)
 */
@JsonPropertyOrder({"from", "to", "relation", "evidence", "uncertain"})
public record LineageEdge(
    String from, String to, String relation, Evidence evidence, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean uncertain) {
  public static final String READS = "reads";
  public static final String WRITES = "writes";
  public static final String RUN_FOLDER = "run-folder";
  public static final String CONTAINS = "contains";
  public static final String SAME_CONTENT = "same-content";

  /**
   * Where an edge comes from.
   *
   * @param record id of the record that states it
   * @param field the field that states it ({@code lineage.inputs}, {@code lineage.outputs}, {@code
   *     path}, {@code hash})
   * @param via how the record's parser found the reference ({@code deps}, {@code pd.read_csv}), if known
   */
  @JsonPropertyOrder({"record", "field", "via"})
  public record Evidence(String record, String field, @JsonInclude(JsonInclude.Include.NON_NULL) String via) {}
}
