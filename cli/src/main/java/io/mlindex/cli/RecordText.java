package io.mlindex.cli;

import io.mlindex.record.LineageRef;
import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** A record for reading in a terminal. */
final class RecordText {
  private RecordText() {}

  static void write(Record r, PrintWriter out) {
    out.println(r.getName() + "  [" + r.getKind().id() + ", " + r.getFormat() + "]  id " + r.getId());
    out.println("  path        " + r.getPath());
    line(out, "experiment", r.getExperiment());
    if (r.getTime().getStart() != null) {
      line(out, "started", r.getTime().getStart() + (r.getTime().getEnd() == null ? "" : "  ended " + r.getTime().getEnd()));
    }
    line(out, "modified", r.getTime().getModified() == null ? null : r.getTime().getModified().toString());
    section(out, "params", r.getParams());
    if (!r.getMetrics().isEmpty()) {
      out.println("  metrics");
      for (Map.Entry<String, Metric> e : r.getMetrics().entrySet()) {
        Metric m = e.getValue();
        StringBuilder sb = new StringBuilder("    ").append(e.getKey()).append(" = ").append(RecordTable.format(m.last()));
        if (m.steps() > 1) {
          sb.append("  (min ").append(RecordTable.format(m.min())).append(", max ").append(RecordTable.format(m.max()))
              .append(", ").append(m.steps()).append(" values");
          if (m.lastStep() != null) {
            sb.append(", last step ").append(m.lastStep());
          }
          sb.append(')');
        }
        out.println(sb);
      }
    }
    section(out, "tags", r.getTags());
    section(out, "properties", r.getProperties());
    var c = r.getCode();
    if (!c.isEmpty()) {
      out.println("  code");
      line(out, "  git commit", c.getGitCommit());
      line(out, "  git branch", c.getGitBranch());
      line(out, "  git remote", c.getGitRemote());
      line(out, "  script", c.getScript());
      list(out, "  imports", c.getImports());
      list(out, "  frameworks", c.getFrameworks());
    }
    refs(out, "inputs", r.getLineage().getInputs());
    refs(out, "outputs", r.getLineage().getOutputs());
    for (String w : r.getWarnings()) {
      out.println("  warning     " + w);
    }
    out.println();
  }

  private static void section(PrintWriter out, String title, Map<String, ?> values) {
    if (values.isEmpty()) {
      return;
    }
    out.println("  " + title);
    values.forEach((k, v) -> out.println("    " + k + " = " + RecordTable.format(v)));
  }

  private static void refs(PrintWriter out, String title, List<LineageRef> refs) {
    if (refs.isEmpty()) {
      return;
    }
    out.println("  " + title);
    for (LineageRef ref : refs) {
      out.println("    " + ref.target() + (ref.via() == null ? "" : "  (" + ref.via() + ")"));
    }
  }

  private static void line(PrintWriter out, String label, String value) {
    if (value != null && !value.isEmpty()) {
      out.printf(java.util.Locale.ROOT, "  %-11s %s%n", label, value);
    }
  }

  private static void list(PrintWriter out, String label, List<String> values) {
    if (!values.isEmpty()) {
      line(out, label, String.join(", ", values));
    }
  }
}
