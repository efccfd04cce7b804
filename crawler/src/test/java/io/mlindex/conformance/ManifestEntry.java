package io.mlindex.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One expected record of the corpus's MANIFEST.jsonl.
 *
 * @param id the manifest's id
 * @param format the manifest's format name (mlflow-run, notebook, tfevents, ...)
 * @param path absolute POSIX path of the file or folder the record is about (no trailing '/')
 * @param stage the DVC stage name, for dvc-stage records
 * @param expected the {@code expected} object
 * @param uncertain whether the whole record is marked uncertain
 */
public record ManifestEntry(String id, String format, String path, String stage, JsonNode expected, boolean uncertain) {

  /** An expected sub-object, or a missing node. */
  public JsonNode get(String field) {
    return expected.path(field);
  }
}
