package io.mlindex.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One harvested thing: a run, a notebook, a model file, a dataset, a document, a pipeline stage or
 * an experiment. Its JSON form is the public contract ({@code export} prints one per line); see
 * {@link RecordJson}.
 *
 * <p>{@code params} are what a person chose; {@code metrics} what a run measured; {@code
 * properties} facts read from a file. Nested names are flattened with dots. Paths are absolute
 * POSIX paths.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "id", "kind", "format", "path", "root", "name", "experiment", "time", "params", "params_source",
  "metrics", "tags", "properties", "code", "lineage", "hash", "size", "sources", "warnings", "text"
})
public final class Record {
  private String id;
  private RecordKind kind;
  private String format;
  private String path;
  private String root;
  private String name;
  private String experiment;
  private final Times time = new Times();
  private final Map<String, Object> params = new LinkedHashMap<>();

  /** For params that were guessed rather than stated: how ({@code literal keyword argument}, ...). */
  @JsonProperty("params_source")
  private final Map<String, String> paramsSource = new LinkedHashMap<>();

  private final Map<String, Metric> metrics = new LinkedHashMap<>();
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final CodeRef code = new CodeRef();
  private final Lineage lineage = new Lineage();
  private String hash;
  private Long size;
  private final List<String> sources = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  /** Searchable text: code, markdown, a document's body. Bounded by the crawl's text limit. */
  private String text;

  public Record() {}

  /** A record of a kind and format for a path; the id is derived from format and path. */
  public Record(RecordKind kind, String format, String path) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.format = Objects.requireNonNull(format, "format");
    this.path = Objects.requireNonNull(path, "path");
    this.id = RecordIds.of(format, path, null);
  }

  /**
   * A record that is one of several from the same path (a DVC stage in a dvc.lock): the id also
   * depends on {@code part}.
   */
  public Record(RecordKind kind, String format, String path, String part) {
    this(kind, format, path);
    this.id = RecordIds.of(format, path, part);
  }

  public String getId() {
    return id;
  }

  public Record setId(String id) {
    this.id = id;
    return this;
  }

  public RecordKind getKind() {
    return kind;
  }

  public Record setKind(RecordKind kind) {
    this.kind = kind;
    return this;
  }

  public String getFormat() {
    return format;
  }

  public Record setFormat(String format) {
    this.format = format;
    return this;
  }

  public String getPath() {
    return path;
  }

  public Record setPath(String path) {
    this.path = path;
    return this;
  }

  public String getRoot() {
    return root;
  }

  public Record setRoot(String root) {
    this.root = root;
    return this;
  }

  public String getName() {
    return name;
  }

  public Record setName(String name) {
    this.name = name;
    return this;
  }

  public String getExperiment() {
    return experiment;
  }

  public Record setExperiment(String experiment) {
    this.experiment = experiment;
    return this;
  }

  public Times getTime() {
    return time;
  }

  public Map<String, Object> getParams() {
    return params;
  }

  public Map<String, String> getParamsSource() {
    return paramsSource;
  }

  public Map<String, Metric> getMetrics() {
    return metrics;
  }

  public Map<String, String> getTags() {
    return tags;
  }

  public Map<String, Object> getProperties() {
    return properties;
  }

  public CodeRef getCode() {
    return code;
  }

  public Lineage getLineage() {
    return lineage;
  }

  public String getHash() {
    return hash;
  }

  public Record setHash(String hash) {
    this.hash = hash;
    return this;
  }

  public Long getSize() {
    return size;
  }

  public Record setSize(Long size) {
    this.size = size;
    return this;
  }

  public List<String> getSources() {
    return sources;
  }

  public List<String> getWarnings() {
    return warnings;
  }

  public String getText() {
    return text;
  }

  public Record setText(String text) {
    this.text = text;
    return this;
  }

  // Convenience for parsers.

  public Record param(String key, Object value) {
    params.put(key, value);
    return this;
  }

  /** A param that was inferred, with how it was found (shown so users can tell a guess from a fact). */
  public Record guessedParam(String key, Object value, String how) {
    params.put(key, value);
    paramsSource.put(key, how);
    return this;
  }

  public Record metric(String key, Metric metric) {
    if (metric != null) {
      metrics.put(key, metric);
    }
    return this;
  }

  public Record property(String key, Object value) {
    if (value != null) {
      properties.put(key, value);
    }
    return this;
  }

  public Record tag(String key, String value) {
    tags.put(key, value);
    return this;
  }

  public Record warn(String warning) {
    if (!warnings.contains(warning)) {
      warnings.add(warning);
    }
    return this;
  }

  public Record source(String file) {
    if (!sources.contains(file)) {
      sources.add(file);
    }
    return this;
  }

  /** The full series of every metric that has one, for charts (not part of the JSON). */
  @JsonIgnore
  public Map<String, Series> series() {
    Map<String, Series> out = new LinkedHashMap<>();
    metrics.forEach(
        (k, m) -> {
          if (m.series() != null && m.series().size() > 1) {
            out.put(k, m.series());
          }
        });
    return out;
  }

  @Override
  public String toString() {
    return "Record[" + id + " " + kind + " " + format + " " + path + "]";
  }
}
