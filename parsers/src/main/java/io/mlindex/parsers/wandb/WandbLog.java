package io.mlindex.parsers.wandb;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.parsers.util.StepOrder;
import io.mlindex.record.SeriesBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What a decoded {@code run-<id>.wandb} transaction log holds, accumulated in file order. */
final class WandbLog {
  /** The run's config after every update and removal (values as the log stores them, not wrapped). */
  final ObjectNode config = JsonNodeFactory.instance.objectNode();

  /** The run's summary after every update and removal. */
  final ObjectNode summary = JsonNodeFactory.instance.objectNode();

  /** One series per numeric history key, stepped by the history row's step. */
  final Map<String, SeriesBuilder> history = new LinkedHashMap<>();

  /** Whether each history series' steps only grew. */
  final Map<String, StepOrder> historyOrder = new LinkedHashMap<>();

  /** Telemetry import flags (field numbers of wandb_telemetry.proto's Imports message). */
  final TreeSet<Integer> imports = new TreeSet<>();

  final List<String> files = new ArrayList<>();
  final List<String> tags = new ArrayList<>();
  final List<String> args = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();

  boolean sawConfig;
  boolean sawSummary;
  String runId;
  String entity;
  String project;
  String displayName;
  String notes;
  String group;
  String jobType;
  String sweepId;
  String host;
  Instant startTime;
  String gitRemote;
  String gitCommit;
  String os;
  String python;
  String program;
  String codePath;
  String pythonVersion;
  String cliVersion;
  String producer;
  Integer exitCode;
  Long runtimeSeconds;
  long records;
  long historyRows;
  long outputLines;
  boolean tooManyHistoryKeys;
}
