package io.mlindex.parsers.tensorboard;

import io.mlindex.parsers.util.StepOrder;
import io.mlindex.record.Record;
import io.mlindex.record.SeriesBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the events of one file add up to: a series per scalar tag (in file order), the other tags
 * by plugin, the hparams session, the file version and the wall-clock span. Memory stays bounded
 * however long the file is: series are thinned by {@link SeriesBuilder} and at most {@link
 * #MAX_TAGS} distinct tags are tracked.
 */
final class EventLog {
  static final int MAX_TAGS = 10_000;
  /** Plugin names become property names: anything else (empty, odd, hostile) is listed as "other". */
  private static final Pattern PLUGIN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** One tag: its plugin (from the first value that carried metadata) and what it held. */
  static final class Tag {
    String plugin = "";
    SeriesBuilder series;
    StepOrder order;
    String encoding;
    String dtype;
    long nonScalarCount;
  }

  private final Map<String, Tag> tags = new LinkedHashMap<>();
  private final Map<String, Object> hparams = new LinkedHashMap<>();
  private final Map<String, Long> otherEvents = new TreeMap<>();
  long records;
  long droppedTagValues;
  String fileVersion;
  Double firstWallTime;
  Double lastWallTime;
  Long maxStep;
  HparamsPluginData session;
  double sessionEndSecs;
  String sessionStatus;

  void event(double wallTime, long step) {
    if (wallTime != 0) {
      if (firstWallTime == null) {
        firstWallTime = wallTime;
      }
      lastWallTime = wallTime;
    }
    maxStep = maxStep == null ? step : Math.max(maxStep, step);
  }

  /** The tag's state, or null when too many tags were seen already. */
  Tag tag(String name) {
    Tag t = tags.get(name);
    if (t == null) {
      if (tags.size() >= MAX_TAGS) {
        droppedTagValues++;
        return null;
      }
      t = new Tag();
      tags.put(name, t);
    }
    return t;
  }

  void scalar(Tag t, long step, double value, String encoding) {
    if (t.series == null) {
      t.series = new SeriesBuilder();
      t.order = new StepOrder();
    }
    if (t.encoding == null) {
      t.encoding = encoding;
    }
    t.series.add(step, value);
    t.order.see(step);
  }

  void nonScalar(Tag t, String plugin, String dtype) {
    if (t.plugin.isEmpty()) {
      t.plugin = plugin;
    }
    if (t.dtype == null) {
      t.dtype = dtype;
    }
    t.nonScalarCount++;
  }

  /** An event that is not a summary: a graph, run metadata, a session log. */
  void other(String what) {
    otherEvents.merge(what, 1L, Long::sum);
  }

  void hparams(HparamsPluginData data) {
    if (data.sessionStart) {
      session = data;
      hparams.putAll(data.hparams);
    }
    if (data.sessionEnd) {
      sessionEndSecs = data.endTimeSecs;
      sessionStatus = data.status;
    }
  }

  /** Puts metrics, params, properties and times on the record. */
  void writeTo(Record r) {
    Map<String, List<String>> byPlugin = new TreeMap<>();
    TreeSet<String> encodings = new TreeSet<>();
    List<String> outOfOrder = new ArrayList<>();
    tags.forEach((name, t) -> {
      if (t.series != null) {
        r.metric(name, t.series.build());
        encodings.add(t.encoding);
        String w = t.order.warning("scalar " + name);
        if (w != null) {
          outOfOrder.add(w);
        }
      }
      if (t.nonScalarCount > 0) {
        String plugin = PLUGIN_NAME.matcher(t.plugin).matches() ? t.plugin : "other";
        byPlugin.computeIfAbsent(plugin, k -> new ArrayList<>()).add(name);
      }
    });
    hparams.forEach((k, v) -> putParam(r, k, v));
    r.property("file_version", fileVersion);
    r.property("records", records);
    r.property("max_step", maxStep);
    if (!encodings.isEmpty()) {
      r.property("scalar_encodings", new ArrayList<>(encodings));
    }
    byPlugin.forEach((plugin, names) -> r.property("tags." + plugin, names));
    otherEvents.forEach((what, n) -> r.property("events." + what, n));
    if (session != null && session.groupName != null && !session.groupName.isEmpty()) {
      r.property("hparams.group_name", session.groupName);
    }
    r.property("hparams.status", sessionStatus);
    Double start = session != null && session.startTimeSecs > 0 ? Double.valueOf(session.startTimeSecs) : firstWallTime;
    Double end = sessionEndSecs > 0 ? Double.valueOf(sessionEndSecs) : lastWallTime;
    r.getTime().setStart(seconds(start));
    r.getTime().setEnd(seconds(end));
    if (!outOfOrder.isEmpty()) {
      r.warn(outOfOrder.get(0) + (outOfOrder.size() > 1 ? " (and " + (outOfOrder.size() - 1) + " more tag(s) alike)" : ""));
    }
    if (droppedTagValues > 0) {
      r.warn("more than " + MAX_TAGS + " distinct tags; " + droppedTagValues + " values of further tags were not indexed");
    }
  }

  /** Structs from the hparams plugin are flattened with dots; lists stay lists. */
  @SuppressWarnings("unchecked")
  private static void putParam(Record r, String key, Object value) {
    if (value instanceof Map<?, ?> m && !m.isEmpty()) {
      ((Map<String, Object>) m).forEach((k, v) -> putParam(r, key + "." + k, v));
    } else {
      r.param(key, value);
    }
  }

  private static Instant seconds(Double secs) {
    if (secs == null || !Double.isFinite(secs) || secs <= 0 || secs > 1e11) {
      return null;
    }
    long whole = (long) Math.floor(secs);
    return Instant.ofEpochSecond(whole, (long) ((secs - whole) * 1e9));
  }

  Map<String, Tag> tags() {
    return tags;
  }
}
