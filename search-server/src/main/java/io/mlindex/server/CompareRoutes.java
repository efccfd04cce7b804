package io.mlindex.server;

import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.record.Record;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import spark.Request;
import spark.Response;

/** {@code GET /api/compare?id=a&id=b...}: 2 to 20 records side by side. */
final class CompareRoutes {
  static final int MAX_RECORDS = 20;

  private final RecordIndex index;

  CompareRoutes(RecordIndex index) {
    this.index = index;
  }

  Object compare(Request req, Response res) throws IOException {
    String[] given = req.queryParamsValues("id");
    if (given == null || given.length < 2 || given.length > MAX_RECORDS) {
      throw new ApiError(400, "compare needs 2 to " + MAX_RECORDS + " record ids: /api/compare?id=<id>&id=<id>");
    }
    List<Record> records = new ArrayList<>();
    try (RecordSearcher s = index.searcher()) {
      for (String id : given) {
        records.add(RecordRoutes.find(s, Params.recordId(id)));
      }
    }
    return SearchServer.JSON.writeValueAsString(new RecordComparison(records).toJson());
  }
}
