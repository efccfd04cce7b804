package io.mlindex.parsers.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell as {@link NotebookJson} read it: only what the harvest uses, with texts cut to bounded
 * lengths. Image payloads are never read, only counted.
 */
final class NotebookCell {
  /** One output of a code cell. */
  static final class Output {
    String type = "";
    /** stdout or stderr, for streams. */
    String stream;
    /** Stream text, or the {@code text/plain} form of a result or display. */
    String text = "";
    String ename;
    String evalue;
    int images;

    boolean isError() {
      return type.equals("error") || type.equals("pyerr");
    }

    boolean isResult() {
      return type.equals("execute_result") || type.equals("pyout");
    }

    boolean isStream() {
      return type.equals("stream");
    }
  }

  final int index;
  String type = "";
  String source = "";
  String language;
  Integer executionCount;
  final List<String> tags = new ArrayList<>();
  final List<Output> outputs = new ArrayList<>();
  int attachedImages;
  boolean papermillFailed;
  /** Whether some text of this cell was cut to stay within the reader's bounds. */
  boolean truncated;

  NotebookCell(int index) {
    this.index = index;
  }
}
