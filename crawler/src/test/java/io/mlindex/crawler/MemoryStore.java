package io.mlindex.crawler;

import io.mlindex.record.Record;
import io.mlindex.record.UnitKeys;
import io.mlindex.record.UnitState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory stand-in for the index: the crawler's two ports over sorted maps. */
class MemoryStore implements IndexedUnits, RecordSink {
  final TreeMap<String, UnitState> units = new TreeMap<>(UnitKeys::compareNames);
  final Map<String, List<Record>> recordsByUnit = new LinkedHashMap<>();
  int commits;
  final List<String> finished = new ArrayList<>();
  final Map<String, Boolean> reachable = new LinkedHashMap<>();

  @Override
  public List<UnitState> unitsWithContentHash(String contentHash) {
    return units.values().stream().filter(u -> contentHash.equals(u.contentHash())).toList();
  }

  @Override
  public void crawlFinished(String crawlId, String root, java.time.Instant start, boolean rootReachable, String reportJson) {
    finished.add(reportJson);
    reachable.put(root, rootReachable);
  }

  @Override
  public Iterator<UnitState> unitsUnder(String rootKey) {
    List<UnitState> snapshot = new ArrayList<>();
    for (UnitState u : units.tailMap(rootKey, true).values()) {
      if (!UnitKeys.isWithin(u.key(), rootKey)) {
        if (UnitKeys.compareNames(u.key(), UnitKeys.childPrefix(rootKey) + "\uffff") > 0) {
          break;
        }
        continue;
      }
      snapshot.add(u);
    }
    return snapshot.iterator();
  }

  @Override
  public void replaceUnit(UnitState unit, List<Record> records) {
    units.put(unit.key(), unit);
    recordsByUnit.put(unit.key(), List.copyOf(records));
  }

  @Override
  public void deleteUnit(String unitKey) {
    units.remove(unitKey);
    recordsByUnit.remove(unitKey);
  }

  @Override
  public void commit() throws java.io.IOException {
    commits++;
  }

  List<Record> records() {
    List<Record> all = new ArrayList<>();
    recordsByUnit.values().forEach(all::addAll);
    return all;
  }

  Record byPath(String path) {
    return records().stream().filter(r -> r.getPath().equals(path)).findFirst().orElse(null);
  }
}
