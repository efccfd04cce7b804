package io.mlindex.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the index remembers about one crawl unit (a file or a run folder) so that the next crawl can
 * tell whether it changed: its key, fingerprint, the files it was read from and the records it
 * produced. Shared by the crawler (which computes it) and the index (which stores it).
 *
 * @param key the unit's path encoded by {@link UnitKeys} (sorts in walk order)
 * @param path absolute POSIX path of the file or folder
 * @param root absolute POSIX path of the crawl root it was found under
 * @param directory whether the unit is a folder
 * @param fingerprint digest of the size, modification time and file key of every source
 * @param sources the files the records were built from
 * @param recordIds the ids of the records the unit produced (possibly none)
 * @param contentHash {@code sha256:...} of a file unit's content when one was computed, else null
 */
public record UnitState(
    String key,
    String path,
    String root,
    boolean directory,
    String fingerprint,
    List<String> sources,
    @JsonProperty("record_ids") List<String> recordIds,
    @JsonProperty("content_hash") String contentHash) {

  public UnitState {
    sources = List.copyOf(sources);
    recordIds = List.copyOf(recordIds);
  }
}
