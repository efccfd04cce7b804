package io.mlindex.cli;

import io.mlindex.index.QuerySyntaxException;
import io.mlindex.index.RecordSearcher;
import io.mlindex.index.SearchRequest;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.Record;
import io.mlindex.record.RecordIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Finds records by id, or by the path they were harvested from. */
final class RecordLookup {
  private RecordLookup() {}

  static List<Record> find(RecordSearcher searcher, String ref, Environment env) throws IOException, QuerySyntaxException {
    if (RecordIds.looksLikeId(ref)) {
      var r = searcher.get(ref);
      if (r.isPresent()) {
        return List.of(r.get());
      }
    }
    String path = PosixPaths.of(env.workingDir().resolve(ref));
    String quoted = "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    List<Record> out = new ArrayList<>();
    for (String field : new String[] {"path", "source"}) {
      out.addAll(searcher.search(new SearchRequest(field + ":" + quoted, null, 100, 0, List.of(), false)).hits());
      if (!out.isEmpty()) {
        break;
      }
    }
    return out;
  }
}
