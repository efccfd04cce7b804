package io.mlindex.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A node of a lineage answer: a record, or an artifact that no record describes (a file only named
 * as someone's input or output, a named reference such as a Hugging Face model id). The API
 * contract's fields (id to record) are always present, null where unknown; the others only when set.
 *
 * @param id the record id, or for an artifact its path or named reference
 * @param kind the record's kind; {@code artifact} for artifacts
 * @param format the record's format; null for artifacts
 * @param path absolute POSIX path (a foreign path keeps its own spelling with '/'); null for named references
 * @param name the record's name, else the last path component or the reference
 * @param record whether a record describes this node
 * @param ref for a named reference, what it names ({@code hf-model}, ...); for a foreign path {@code foreign}
 * @param hash a content hash known for it, if any
 * @param uncertain true when the node was matched by guesswork (a foreign path matched by its tail)
 */
@JsonPropertyOrder({"id", "kind", "format", "path", "name", "record", "ref", "hash", "uncertain"})
public record LineageNode(
    String id, String kind, String format, String path, String name, boolean record,
    @JsonInclude(JsonInclude.Include.NON_NULL) String ref,
    @JsonInclude(JsonInclude.Include.NON_NULL) String hash,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean uncertain) {}
