package io.mlindex.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One input or output of a record: a file or folder ({@code path}, absolute POSIX), or a named
 * reference that is not a path ({@code ref}, for example a Hugging Face model id).
 *
 * @param path absolute, normalised POSIX path, or null for a named reference
 * @param ref a named reference such as {@code bert-base-uncased} (with {@code kind} saying what it
 *     names), or null for a path
 * @param kind what a named reference names ({@code hf-model}, {@code hf-dataset}, ...), or what the
 *     path is when the source says so ({@code dir})
 * @param hash content hash as {@code algo:hex} ({@code md5:...}, {@code sha256:...}); folder
 *     hashes from DVC end in {@code .dir}
 * @param size bytes, when the source states them
 * @param via how the reference was found: the call ({@code pd.read_csv}), the field
 *     ({@code deps}), the rule ({@code artifact})
 * @param uncertain true when the path was guessed (an f-string with holes, a foreign path matched
 *     by its tail)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"path", "ref", "kind", "hash", "size", "via", "uncertain"})
public record LineageRef(
    String path, String ref, String kind, String hash, Long size, String via, Boolean uncertain) {

  public static LineageRef path(String path, String via) {
    return new LineageRef(path, null, null, null, null, via, null);
  }

  public static LineageRef named(String ref, String kind, String via) {
    return new LineageRef(null, ref, kind, null, null, via, null);
  }

  public LineageRef withHash(String newHash, Long newSize) {
    return new LineageRef(path, ref, kind, newHash, newSize, via, uncertain);
  }

  public LineageRef withKind(String newKind) {
    return new LineageRef(path, ref, newKind, hash, size, via, uncertain);
  }

  public LineageRef asUncertain() {
    return new LineageRef(path, ref, kind, hash, size, via, Boolean.TRUE);
  }

  /** The path if there is one, else the named reference. */
  public String target() {
    return path != null ? path : ref;
  }
}
