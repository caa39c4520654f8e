package dev.tether.agent.internal.config.yaml;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads block structure: {@code key: value} mappings and {@code - item} lists nested by
 * indentation. Each value on a line goes to {@link ScalarReader} or {@link FlowParser}.
 */
final class BlockParser {

  private final List<Line> lines;
  private int next; // index of the first line not read yet

  BlockParser(List<Line> lines) {
    this.lines = lines;
  }

  /** The next line with content, skipping blank and comment lines; null at the end. */
  Line peekContent() throws YamlException {
    while (next < lines.size()) {
      Line line = lines.get(next);
      if (!line.isBlank()) {
        if (line.text().charAt(line.indent()) == '\t') {
          throw SyntaxErrors.tab(line.number(), line.indent() + 1);
        }
        return line;
      }
      next++;
    }
    return null;
  }

  /** Marks {@code line} and those before it read. */
  void consume(Line line) {
    next = line.number(); // numbers are 1-based: the next index
  }

  /** The node that starts at the cursor, with everything that belongs to it on later lines. */
  YamlNode node(Cursor at, int depth) throws YamlException {
    if (depth >= YamlParser.MAX_DEPTH) {
      throw SyntaxErrors.tooDeep(at.lineNumber(), at.column());
    }
    if (at.atListItem()) {
      return sequence(at, depth, false);
    }
    YamlNode first = token(at, depth);
    at.skipBlanks();
    if (at.atKeyIndicator()) {
      return mapping(key(first), at, depth);
    }
    endOfLine(at, first);
    consume(at.line());
    if (first instanceof YamlScalar scalar && at.line().indent() == scalar.column() - 1) {
      Line below = peekContent();
      if (indentOf(below) > at.line().indent()) {
        throw SyntaxErrors.underScalar(below, scalar); // a lone value, not a 'key:', on its line
      }
    }
    return first;
  }

  /** Entries at the first key's column; the cursor is on the ':' after the first key. */
  private YamlMap mapping(YamlScalar firstKey, Cursor at, int depth) throws YamlException {
    int indent = firstKey.column() - 1; // only spaces, '-' and tabs are left of a block key
    List<YamlMap.Entry> entries = new ArrayList<>();
    YamlScalar key = firstKey;
    while (true) {
      at.advance(1);
      YamlNode value = valueAfterKey(key, at, indent, depth);
      entries.add(new YamlMap.Entry(key, value));
      Line line = peekContent();
      int lineIndent = indentOf(line);
      if (lineIndent < indent) {
        return new YamlMap(entries, firstKey.line(), firstKey.column());
      }
      if (lineIndent > indent) {
        throw isInline(value)
            ? SyntaxErrors.underValue(line, "'" + key.value() + "'", key.column())
            : SyntaxErrors.unaligned(line, "'" + key.value() + "'", indent, value);
      }
      at = new Cursor(line, indent);
      if (at.atListItem()) {
        throw SyntaxErrors.listItemAmongKeys(line.number(), indent + 1);
      }
      YamlNode token = token(at, depth);
      at.skipBlanks();
      if (!at.atKeyIndicator()) {
        throw SyntaxErrors.noColon(token);
      }
      key = key(token);
    }
  }

  /** The value after {@code key:}: on the same line, on the lines below, or empty. */
  private YamlNode valueAfterKey(YamlScalar key, Cursor at, int indent, int depth)
      throws YamlException {
    int line = at.lineNumber();
    int column = at.column();
    if (at.atLineEnd()) {
      consume(at.line());
      Line below = peekContent();
      int belowIndent = indentOf(below);
      if (belowIndent > indent) {
        return node(new Cursor(below, belowIndent), depth + 1);
      }
      if (belowIndent == indent && new Cursor(below, indent).atListItem()) {
        // '- ' items in the column of their key: YAML allows it under a mapping key
        return sequence(new Cursor(below, indent), depth + 1, true);
      }
      return YamlScalar.empty(line, column);
    }
    if (at.atListItem()) {
      throw SyntaxErrors.listOnKeyLine(at, key.value());
    }
    YamlNode value = token(at, depth + 1);
    at.skipBlanks();
    if (at.atKeyIndicator()) {
      throw SyntaxErrors.colonInValue(at, key.value());
    }
    endOfLine(at, value);
    consume(at.line());
    return value;
  }

  /**
   * Items at the column of the cursor's '-'. An unindented list (items in the column of the key
   * above) ends at the next key; any other list there is wrong.
   */
  private YamlSequence sequence(Cursor at, int depth, boolean unindented) throws YamlException {
    if (depth >= YamlParser.MAX_DEPTH) {
      throw SyntaxErrors.tooDeep(at.lineNumber(), at.column());
    }
    int indent = at.index();
    int firstLine = at.lineNumber();
    int firstColumn = at.column();
    List<YamlNode> items = new ArrayList<>();
    while (true) {
      int dashLine = at.lineNumber();
      at.advance(1);
      int afterDash = at.column();
      YamlNode item;
      if (at.atLineEnd()) {
        consume(at.line());
        Line below = peekContent();
        int belowIndent = indentOf(below);
        item =
            belowIndent > indent
                ? node(new Cursor(below, belowIndent), depth + 1)
                : YamlScalar.empty(dashLine, afterDash);
      } else {
        item = node(at, depth + 1); // "- value", "- key: value" or "- - item"
      }
      items.add(item);
      Line line = peekContent();
      int lineIndent = indentOf(line);
      if (lineIndent < indent) {
        break;
      }
      if (lineIndent > indent) {
        throw isInline(item)
            ? SyntaxErrors.underValue(line, "the list item on line " + dashLine, indent + 1)
            : SyntaxErrors.unaligned(line, "the '- ' items", indent, item);
      }
      at = new Cursor(line, indent);
      if (!at.atListItem()) {
        if (unindented) {
          break;
        }
        throw SyntaxErrors.notAListItem(line.number(), indent + 1);
      }
    }
    return new YamlSequence(items, firstLine, firstColumn);
  }

  /** A single value or a flow collection, read on the cursor's line. */
  private static YamlNode token(Cursor at, int depth) throws YamlException {
    char c = at.peek();
    if (c == '"' || c == '\'') {
      return ScalarReader.quoted(at);
    }
    if (c == '[' || c == '{') {
      return FlowParser.collection(at, depth);
    }
    return ScalarReader.plain(at, false);
  }

  private static YamlScalar key(YamlNode node) throws YamlException {
    if (node instanceof YamlScalar scalar) {
      return scalar;
    }
    throw SyntaxErrors.collectionAsKey(node);
  }

  /** Only a comment may follow a value on its line. */
  private void endOfLine(Cursor at, YamlNode value) throws YamlException {
    if (!at.atLineEnd()) {
      throw isFlow(value)
          ? SyntaxErrors.textAfterValue(
              at, "the closing bracket", "end the line after it, or start a comment with ' #'")
          : SyntaxErrors.textAfterValue(
              at,
              "the quoted value",
              "put all of the value inside the quotes, or start a comment with ' #'");
    }
  }

  /** A value that ended on its own line: nothing may be indented under it. */
  private boolean isInline(YamlNode node) {
    return node instanceof YamlScalar || isFlow(node);
  }

  private boolean isFlow(YamlNode node) {
    if (node instanceof YamlScalar) {
      return false;
    }
    String text = lines.get(node.line() - 1).text();
    char first = text.charAt(text.offsetByCodePoints(0, node.column() - 1));
    return first == '[' || first == '{';
  }

  /** The indentation that decides nesting; a document marker ends every block, so -1. */
  static int indentOf(Line line) {
    if (line == null || line.isDocumentMarker("---") || line.isDocumentMarker("...")) {
      return -1;
    }
    return line.indent();
  }
}
