package dev.tether.agent.internal.config.yaml;

import java.util.ArrayList;
import java.util.List;

/** Reads a flow collection, {@code [a, b]} or {@code {k: v}}, possibly nested, on one line. */
final class FlowParser {

  private FlowParser() {}

  /** The collection at the cursor, which is on its '[' or '{' and ends after the closing one. */
  static YamlNode collection(Cursor at, int depth) throws YamlException {
    if (depth >= YamlParser.MAX_DEPTH) {
      throw SyntaxErrors.tooDeep(at.lineNumber(), at.column());
    }
    return at.peek() == '[' ? sequence(at, depth) : mapping(at, depth);
  }

  private static YamlSequence sequence(Cursor at, int depth) throws YamlException {
    int line = at.lineNumber();
    int column = at.column();
    at.advance(1);
    List<YamlNode> items = new ArrayList<>();
    while (true) {
      openAt(at, line, column, '[');
      if (at.peek() == ']') {
        at.advance(1);
        return new YamlSequence(items, line, column);
      }
      if (at.peek() == ',') {
        throw SyntaxErrors.emptyFlowEntry(at.lineNumber(), at.column());
      }
      items.add(sequenceItem(at, depth));
      openAt(at, line, column, '[');
      if (at.peek() == ',') {
        at.advance(1);
      } else if (at.peek() != ']') {
        throw SyntaxErrors.expectedFlowSeparator(at.lineNumber(), at.column(), ']', at.peek());
      }
    }
  }

  /** An item, or a single {@code k: v} pair, which YAML reads as a one-entry mapping. */
  private static YamlNode sequenceItem(Cursor at, int depth) throws YamlException {
    YamlNode item = node(at, depth);
    at.skipBlanks();
    if (!atValueIndicator(at, item)) {
      return item;
    }
    YamlScalar key = key(item);
    at.advance(1);
    YamlNode value = value(at, depth, ']');
    return new YamlMap(List.of(new YamlMap.Entry(key, value)), key.line(), key.column());
  }

  private static YamlMap mapping(Cursor at, int depth) throws YamlException {
    int line = at.lineNumber();
    int column = at.column();
    at.advance(1);
    List<YamlMap.Entry> entries = new ArrayList<>();
    while (true) {
      openAt(at, line, column, '{');
      if (at.peek() == '}') {
        at.advance(1);
        return new YamlMap(entries, line, column);
      }
      if (at.peek() == ',') {
        throw SyntaxErrors.emptyFlowEntry(at.lineNumber(), at.column());
      }
      YamlScalar key = key(node(at, depth));
      at.skipBlanks();
      YamlNode value;
      if (atValueIndicator(at, key)) {
        at.advance(1);
        value = value(at, depth, '}');
      } else {
        value = YamlScalar.empty(at.lineNumber(), at.column()); // {a, b}: keys without values
      }
      entries.add(new YamlMap.Entry(key, value));
      openAt(at, line, column, '{');
      if (at.peek() == ',') {
        at.advance(1);
      } else if (at.peek() != '}') {
        throw SyntaxErrors.expectedFlowSeparator(at.lineNumber(), at.column(), '}', at.peek());
      }
    }
  }

  /**
   * The value after a ':', where the cursor is; nothing before ',' or the closing bracket is an
   * empty value (and an unclosed collection is reported by the caller).
   */
  private static YamlNode value(Cursor at, int depth, char close) throws YamlException {
    int line = at.lineNumber();
    int column = at.column();
    if (at.atLineEnd() || at.peek() == ',' || at.peek() == close) {
      return YamlScalar.empty(line, column);
    }
    return node(at, depth);
  }

  private static YamlNode node(Cursor at, int depth) throws YamlException {
    char c = at.peek();
    if (c == '[' || c == '{') {
      return collection(at, depth + 1);
    }
    if (c == '"' || c == '\'') {
      return ScalarReader.quoted(at);
    }
    return ScalarReader.plain(at, true);
  }

  /**
   * Whether the ':' at the cursor ends a key: when a blank, a flow indicator or the end of the line
   * follows, or right after a quoted key ({"a":1}).
   */
  private static boolean atValueIndicator(Cursor at, YamlNode key) {
    if (at.peek() != ':') {
      return false;
    }
    char next = at.peek(1);
    return Cursor.isBlankOrEnd(next)
        || ScalarReader.isFlowIndicator(next)
        || (key instanceof YamlScalar scalar && scalar.quoted());
  }

  private static YamlScalar key(YamlNode node) throws YamlException {
    if (node instanceof YamlScalar scalar) {
      return scalar;
    }
    throw SyntaxErrors.collectionAsKey(node);
  }

  /** Skips blanks; the line must not end (or turn into a comment) inside the collection. */
  private static void openAt(Cursor at, int line, int column, char open) throws YamlException {
    if (at.atLineEnd()) {
      throw SyntaxErrors.unterminatedFlow(line, column, open);
    }
  }
}
