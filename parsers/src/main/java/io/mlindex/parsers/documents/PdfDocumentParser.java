package io.mlindex.parsers.documents;

import io.mlindex.parsers.FileCandidate;

/** A PDF (papers, reports) as a document: text, title, author, created date, page count. */
public final class PdfDocumentParser extends DocumentParser {
  @Override
  String format() {
    return "pdf";
  }

  @Override
  String mediaType() {
    return null; // detected, so that a .pdf that is not one says so
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.hasExtension(".pdf") && !inCheckpointFolder(file);
  }
}
