package dev.tether.agent.internal.config.yaml;

import java.util.List;

/**
 * Reads the YAML subset a Tether configuration needs: one document of block mappings and lists,
 * one-line flow collections, and plain, single- and double-quoted values, all read as text. What it
 * leaves out (anchors, aliases, tags, block scalars, multi-line values, several documents) is
 * refused with the line, the column and what to write instead, never silently misread.
 */
public final class YamlParser {

  /** Deep enough for any configuration, shallow enough that no input can exhaust the stack. */
  public static final int MAX_DEPTH = 32;

  public static final int MAX_CHARS = SourceLines.MAX_CHARS;

  private YamlParser() {}

  /**
   * Parses {@code text}, optionally starting with a byte order mark.
   *
   * @return the document's root node, or null for a file with no content
   * @throws YamlException for anything outside the subset
   */
  public static YamlNode parse(String text) throws YamlException {
    List<Line> lines = SourceLines.split(text);
    BlockParser block = new BlockParser(lines);
    Line line = block.peekContent();
    if (line != null && line.text().startsWith("%")) {
      throw SyntaxErrors.directive(line.number());
    }
    if (line != null && line.isDocumentMarker("---")) {
      skipMarker(block, line, "---");
      line = block.peekContent();
    }
    YamlNode root = null;
    if (BlockParser.indentOf(line) >= 0) {
      root = block.node(new Cursor(line, line.indent()), 0);
      line = block.peekContent();
    }
    if (line != null && line.isDocumentMarker("...")) {
      while (line != null && line.isDocumentMarker("...")) {
        skipMarker(block, line, "...");
        line = block.peekContent();
      }
      if (line != null && !line.isDocumentMarker("---")) {
        throw SyntaxErrors.afterDocumentEnd(line.number());
      }
    }
    if (line == null) {
      return root;
    }
    if (line.isDocumentMarker("---")) {
      throw SyntaxErrors.secondDocument(line.number());
    }
    throw SyntaxErrors.outsideRoot(line, root);
  }

  private static void skipMarker(BlockParser block, Line line, String marker) throws YamlException {
    Cursor after = new Cursor(line, 3);
    if (!after.atLineEnd()) {
      throw SyntaxErrors.textOnMarkerLine(after, marker);
    }
    block.consume(line);
  }
}
