package io.mlindex.parsers.documents;

import io.mlindex.parsers.FileCandidate;

/** An HTML page (an exported report, a saved notebook) as a document: visible text and title. */
public final class HtmlDocumentParser extends DocumentParser {
  @Override
  String format() {
    return "html";
  }

  @Override
  String mediaType() {
    return "text/html";
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.hasExtension(".html", ".htm", ".xhtml") && !inCheckpointFolder(file);
  }
}
