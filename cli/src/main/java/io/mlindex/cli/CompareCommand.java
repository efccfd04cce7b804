package io.mlindex.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlindex.index.RecordIndex;
import io.mlindex.index.RecordSearcher;
import io.mlindex.record.Record;
import io.mlindex.record.RecordJson;
import io.mlindex.server.RecordComparison;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Shows records side by side: every param and metric (latest value), and which differ.",
      "  mlindex compare 32a35ef6bb8e83a5 0d8653353e3e43be --only-diff"
    })
final class CompareCommand implements Callable<Integer> {
  static final int MAX_RECORDS = 20;

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID|PATH", arity = "2..*", description = "2 to " + MAX_RECORDS + " record ids (or paths of single records).")
  List<String> refs;

  @Option(names = "--format", defaultValue = "table", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--only-diff", description = "Only the params and metrics whose values differ.")
  boolean onlyDiff;

  enum Format {
    table,
    json,
    csv
  }

  @Override
  public Integer call() throws Exception {
    if (refs.size() > MAX_RECORDS) {
      throw new UserFacingException("compare at most " + MAX_RECORDS + " records at once", ExitCodes.USAGE);
    }
    List<Record> records = new ArrayList<>();
    try (RecordIndex index = main.application().openReadOnly();
        RecordSearcher searcher = index.searcher()) {
      for (String ref : refs) {
        records.add(single(searcher, ref));
      }
    }
    RecordComparison c = new RecordComparison(records);
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case json -> out.println(RecordJson.mapper().writeValueAsString(json(c)));
      case csv -> RecordTable.writeCsv(out, rows(c, true));
      case table -> {
        RecordTable.writeTable(out, rows(c, false));
        if (!onlyDiff) {
          PrintWriter err = spec.commandLine().getErr();
          err.println("* marks values that differ");
          err.flush();
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private Record single(RecordSearcher searcher, String ref) throws Exception {
    List<Record> found = RecordLookup.find(searcher, ref, main.application().environment());
    if (found.isEmpty()) {
      throw new UserFacingException("no record has the id or path " + ref + "; find ids with 'mlindex search'", ExitCodes.FAILURE);
    }
    if (found.size() > 1) {
      throw new UserFacingException(ref + " holds " + found.size() + " records; name one by id: "
          + String.join(", ", found.stream().limit(10).map(r -> r.getId() + " (" + r.getName() + ")").toList()), ExitCodes.USAGE);
    }
    return found.get(0);
  }

  private ObjectNode json(RecordComparison c) {
    ObjectNode n = c.toJson();
    if (onlyDiff) {
      ObjectNode params = n.putObject("params");
      c.differingParams().forEach(p -> params.set(p, RecordJson.mapper().valueToTree(c.params().get(p))));
      ObjectNode metrics = n.putObject("metrics");
      c.differingMetrics().forEach(m -> metrics.set(m, RecordJson.mapper().valueToTree(c.metrics().get(m))));
    }
    return n;
  }

  /** A header row, the records' identity, then one row per param and metric (differing ones marked). */
  private List<List<String>> rows(RecordComparison c, boolean csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("FIELD"));
    if (csv) {
      header.add("DIFFERS");
    }
    List<String> ids = new ArrayList<>(List.of("id"));
    List<String> kinds = new ArrayList<>(List.of("kind"));
    List<String> formats = new ArrayList<>(List.of("format"));
    List<String> paths = new ArrayList<>(List.of("path"));
    for (Record r : c.records()) {
      header.add(r.getName() == null ? r.getId() : r.getName());
      ids.add(r.getId());
      kinds.add(r.getKind() == null ? "" : r.getKind().id());
      formats.add(r.getFormat() == null ? "" : r.getFormat());
      paths.add(r.getPath() == null ? "" : r.getPath());
    }
    rows.add(header);
    for (List<String> identity : List.of(ids, kinds, formats, paths)) {
      if (csv) {
        identity.add(1, "");
      }
      rows.add(identity);
    }
    addRows(rows, "param.", c.params(), c.differingParams(), csv);
    addRows(rows, "metric.", c.metrics(), c.differingMetrics(), csv);
    return rows;
  }

  private void addRows(List<List<String>> rows, String prefix, Map<String, ? extends List<?>> values, List<String> differing, boolean csv) {
    values.forEach((name, vs) -> {
      boolean differs = differing.contains(name);
      if (onlyDiff && !differs) {
        return;
      }
      List<String> row = new ArrayList<>();
      row.add(csv || onlyDiff ? prefix + name : (differs ? "* " : "  ") + prefix + name);
      if (csv) {
        row.add(Boolean.toString(differs));
      }
      for (Object v : vs) {
        row.add(RecordTable.format(v));
      }
      rows.add(row);
    });
  }
}
