package io.mlindex.parsers.wandb;

import static io.mlindex.parsers.wandb.ProtoFields.isBytes;
import static io.mlindex.parsers.wandb.ProtoFields.isVarint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.mlindex.parsers.util.JsonTrees;
import io.mlindex.parsers.util.Numbers;
import io.mlindex.parsers.util.StepOrder;
import io.mlindex.record.SeriesBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The key/value items of history, summary and config records. HistoryItem, SummaryItem and
 * ConfigItem share one layout: key = 1; nested_key = 2 (repeated; used instead of key for nested
 * names); value_json = 16 (the value as JSON text). Config and summary accumulate into trees;
 * history rows feed one series per numeric key.
 */
final class WandbLogItems {
  /** Most entries of any list kept from a log (files, tags). */
  static final int MAX_LISTED = 1000;
  /** Most distinct history keys followed (each series keeps up to 4096 chart points). */
  static final int MAX_HISTORY_KEYS = 1000;
  /** Most values kept in the config or summary tree. */
  static final int MAX_TREE_VALUES = 50_000;

  private record Item(List<String> path, String valueJson) {
    String name() {
      return String.join(".", path);
    }
  }

  private final WandbLog log;
  private long lastStep = -1;
  private int badValues;
  private int treeValues;

  WandbLogItems(WandbLog log) {
    this.log = log;
  }

  /** HistoryRecord: item = 1 (HistoryItem); step = 2 (HistoryStep: num = 1). */
  void history(ByteString bytes) throws IOException {
    List<Item> row = new ArrayList<>();
    long[] step = {Long.MIN_VALUE};
    ProtoFields.read(bytes, (field, wireType, in) -> {
      if (isBytes(wireType) && field == 1) {
        Item item = item(in.readBytes());
        if (item != null) {
          row.add(item);
        }
        return true;
      }
      if (isBytes(wireType) && field == 2) {
        ProtoFields.read(in.readBytes(), (sf, sw, s) -> {
          if (isVarint(sw) && sf == 1) {
            step[0] = s.readInt64();
            return true;
          }
          return false;
        });
        return true;
      }
      return false;
    });
    long at = step[0] != Long.MIN_VALUE ? step[0] : stepItem(row);
    lastStep = at;
    log.historyRows++;
    Set<String> media = mediaPrefixes(row);
    for (Item item : row) {
      if (!item.path.get(0).startsWith("_") && !media.contains(item.path.get(0))) {
        historyValue(item.name(), item.valueJson, at);
      }
    }
  }

  /** The row's {@code _step} item, else one past the previous row. */
  private long stepItem(List<Item> row) {
    for (Item item : row) {
      if (item.path.size() == 1 && item.path.get(0).equals("_step")) {
        Long s = Numbers.parseLong(item.valueJson);
        if (s != null) {
          return s;
        }
      }
    }
    return lastStep + 1;
  }

  /** Names of media objects (an image, a table) logged as nested items with a {@code _type}. */
  private static Set<String> mediaPrefixes(List<Item> row) {
    Set<String> out = new HashSet<>();
    for (Item item : row) {
      if (item.path.size() > 1 && item.path.get(item.path.size() - 1).equals("_type")) {
        out.add(item.path.get(0));
      }
    }
    return out;
  }

  private void historyValue(String name, String json, long step) {
    String t = json.strip();
    if (t.isEmpty()) {
      return;
    }
    char c = t.charAt(0);
    if (c == '{') {
      JsonNode tree = parse(t);
      if (tree != null && tree.isObject() && !tree.has("_type")) {
        numericLeaves(name, tree, step, 0);
      }
      return;
    }
    if (Character.isDigit(c) || (c == '-' && t.length() > 1 && Character.isDigit(t.charAt(1)))) {
      try {
        series(name, step, Double.parseDouble(t)); // the common case: a JSON number
      } catch (NumberFormatException e) {
        // not a number after all
      }
      return;
    }
    if (c == '-' || c == '+' || c == '.' || c == 'N' || c == 'I') {
      Double v = Numbers.parseDouble(t);
      if (v != null) {
        series(name, step, v);
      }
    }
  }

  private void numericLeaves(String prefix, JsonNode node, long step, int depth) {
    if (depth > 32) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = prefix + "." + e.getKey();
      if (e.getValue().isNumber()) {
        series(name, step, e.getValue().doubleValue());
      } else if (e.getValue().isObject() && !e.getValue().has("_type")) {
        numericLeaves(name, e.getValue(), step, depth + 1);
      }
    }
  }

  private void series(String name, long step, double value) {
    SeriesBuilder b = log.history.get(name);
    if (b == null) {
      if (log.history.size() >= MAX_HISTORY_KEYS) {
        log.tooManyHistoryKeys = true;
        return;
      }
      b = new SeriesBuilder();
      log.history.put(name, b);
      log.historyOrder.put(name, new StepOrder());
    }
    b.add(step, value);
    log.historyOrder.get(name).see(step);
  }

  /** SummaryRecord: update = 1; remove = 2 (both SummaryItem). */
  void summary(ByteString bytes) throws IOException {
    log.sawSummary = true;
    updates(bytes, log.summary);
  }

  /** ConfigRecord: update = 1; remove = 2 (both ConfigItem). */
  void config(ByteString bytes) throws IOException {
    log.sawConfig = true;
    updates(bytes, log.config);
  }

  private void updates(ByteString bytes, ObjectNode tree) throws IOException {
    ProtoFields.read(bytes, (field, wireType, in) -> {
      if (!isBytes(wireType) || (field != 1 && field != 2)) {
        return false;
      }
      Item item = item(in.readBytes());
      if (item != null && field == 1) {
        set(tree, item.path, item.valueJson);
      } else if (item != null) {
        remove(tree, item.path);
      }
      return true;
    });
  }

  private void set(ObjectNode tree, List<String> path, String json) {
    if (treeValues >= MAX_TREE_VALUES) {
      return;
    }
    treeValues++;
    ObjectNode parent = tree;
    for (String part : path.subList(0, path.size() - 1)) {
      JsonNode child = parent.get(part);
      parent = child instanceof ObjectNode o ? o : parent.putObject(part);
    }
    JsonNode value = parse(json);
    parent.set(path.get(path.size() - 1), value != null ? value : JsonNodeFactory.instance.textNode(json));
  }

  private static void remove(ObjectNode tree, List<String> path) {
    JsonNode parent = tree;
    for (String part : path.subList(0, path.size() - 1)) {
      parent = parent.get(part);
      if (!(parent instanceof ObjectNode)) {
        return;
      }
    }
    ((ObjectNode) parent).remove(path.get(path.size() - 1));
  }

  private JsonNode parse(String json) {
    try {
      return JsonTrees.parse(json, "value_json");
    } catch (IOException e) {
      badValues++;
      return null;
    }
  }

  /** One item: key = 1; nested_key = 2; value_json = 16. Null when it names nothing. */
  private static Item item(ByteString bytes) throws IOException {
    List<String> path = new ArrayList<>(2);
    String[] value = {""};
    ProtoFields.read(bytes, (field, wireType, in) -> {
      if (!isBytes(wireType)) {
        return false;
      }
      switch (field) {
        case 1 -> {
          String key = in.readString();
          if (!key.isEmpty()) {
            path.clear();
            path.add(key);
          }
        }
        case 2 -> {
          if (path.size() < 64) {
            path.add(in.readString());
          } else {
            return false;
          }
        }
        case 16 -> value[0] = in.readString();
        default -> {
          return false;
        }
      }
      return true;
    });
    return path.isEmpty() ? null : new Item(path, value[0]);
  }

  void finish() {
    String outOfOrder = null;
    int alike = 0;
    for (Map.Entry<String, StepOrder> e : log.historyOrder.entrySet()) {
      String w = e.getValue().warning("history " + e.getKey());
      if (w != null && outOfOrder == null) {
        outOfOrder = w;
      } else if (w != null) {
        alike++;
      }
    }
    if (outOfOrder != null) {
      log.warnings.add(outOfOrder + (alike > 0 ? " (and " + alike + " more key(s) alike)" : ""));
    }
    if (badValues > 0) {
      log.warnings.add(badValues + " value(s) were not valid JSON and were kept as text");
    }
    if (log.tooManyHistoryKeys) {
      log.warnings.add("history has more than " + MAX_HISTORY_KEYS + " keys; only the first " + MAX_HISTORY_KEYS + " were read");
    }
    if (treeValues >= MAX_TREE_VALUES) {
      log.warnings.add("config and summary hold more than " + MAX_TREE_VALUES + " values; the rest were skipped");
    }
  }
}
