package io.mlindex.parsers.documents;

import io.mlindex.parsers.FileCandidate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown file (READMEs, notes, reports) as a document, titled by its first heading. A
 * Hugging Face model card (a README.md with YAML front matter) is read by its own parser, which
 * ranks higher; any other Markdown lands here.
 */
public final class MarkdownDocumentParser extends DocumentParser {
  private static final Pattern HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+(.+?)[ \\t#]*$");
  private static final int TITLE_SEARCH_CHARS = 8192;

  @Override
  String format() {
    return "markdown";
  }

  @Override
  String mediaType() {
    return "text/markdown";
  }

  @Override
  public boolean supports(FileCandidate file) {
    return file.hasExtension(".md", ".markdown", ".mdown", ".mkd") && !inCheckpointFolder(file);
  }

  @Override
  String titleFromText(String text) {
    Matcher m = HEADING.matcher(text.length() > TITLE_SEARCH_CHARS ? text.substring(0, TITLE_SEARCH_CHARS) : text);
    return m.find() ? m.group(1).strip() : null;
  }
}
