package dev.tether.vault.internal.exchange.sts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the texts an STS answer carries at a path of elements, from the part of XML 1.0 such
 * answers are written in: UTF-8; an optional XML declaration; elements with attributes, text,
 * character references and the five predefined entities; comments, processing instructions and
 * CDATA sections. Anything else is refused, never interpreted: a DTD (so no entity is defined,
 * fetched or expanded), any other entity, a namespace prefix on an element or attribute (STS
 * writes a default namespace only), names outside ASCII, nesting deeper than {@link #MAX_DEPTH}.
 * Whatever it accepts, a conforming XML parser accepts too and reads the same texts; the JDK's
 * StAX parser, which it replaces, cost a tenth of an exchange's CPU to set up for each 2 KiB
 * answer.
 */
final class StsXmlReader {

  static final int MAX_DEPTH = 32;

  private final String text;
  private int pos;

  private StsXmlReader(String text) {
    this.text = text;
  }

  /**
   * The text of each wanted child of the element at {@code path} (local names from the root), each
   * at most once; elsewhere the document may hold anything this reader accepts.
   *
   * @throws Malformed naming what is wrong (with line and column when the XML is not well-formed);
   *     never quoting a text of the document
   */
  static Map<String, String> read(byte[] xml, String[] path, String... wanted) throws Malformed {
    return new StsXmlReader(decode(xml)).document(path, wanted);
  }

  // STS's answers are ASCII: those need no decoder.
  private static String decode(byte[] xml) throws Malformed {
    boolean ascii = true;
    for (byte b : xml) {
      ascii &= b >= 0;
    }
    if (ascii) {
      return new String(xml, StandardCharsets.US_ASCII);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(xml))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Malformed("not well-formed XML: it is not UTF-8");
    }
  }

  private Map<String, String> document(String[] path, String[] wanted) throws Malformed {
    if (text.startsWith("\uFEFF")) {
      pos = 1;
    }
    if (text.startsWith("<?xml", pos) && pos + 5 < text.length()
        && (isSpace(text.charAt(pos + 5)) || text.charAt(pos + 5) == '?')) {
      declaration();
    }
    misc();
    if (!atStartTag()) {
      throw syntax("no root element");
    }
    Map<String, String> found = new HashMap<>();
    List<String> open = new ArrayList<>();
    int matched = 0; // how many open elements match path, from the root
    while (true) {
      if (atEndTag()) {
        endTag(open.remove(open.size() - 1));
        if (matched > open.size()) {
          matched--;
        }
        if (open.isEmpty()) {
          break;
        }
      } else if (atStartTag()) {
        int depth = open.size();
        String name = startTag();
        if (depth == 0 && !name.equals(path[0])) {
          throw new Malformed("its root element is " + shown(name) + ", not " + path[0]);
        }
        boolean empty = text.startsWith("/>", pos - 2);
        if (matched == depth && depth < path.length && name.equals(path[depth])) {
          matched++;
        } else if (matched == path.length && depth == path.length && wants(wanted, name)) {
          String value = empty ? "" : elementText(name);
          if (found.putIfAbsent(name, value) != null) {
            throw new Malformed("it has " + name + " twice");
          }
          continue; // the element is read to its end
        }
        if (empty) {
          if (matched > depth) {
            matched--;
          }
          if (depth == 0) {
            break;
          }
        } else {
          if (depth + 1 > MAX_DEPTH) {
            throw new Malformed("it nests elements deeper than " + MAX_DEPTH);
          }
          open.add(name);
        }
      } else {
        content(null);
      }
    }
    misc();
    if (pos < text.length()) {
      throw syntax("content after the root element");
    }
    return found;
  }

  /** The text of an element whose start tag was just read, up to and including its end tag. */
  private String elementText(String name) throws Malformed {
    StringBuilder value = new StringBuilder();
    while (true) {
      if (atEndTag()) {
        endTag(name);
        return value.toString();
      }
      if (atStartTag()) {
        throw new Malformed("its " + name + " holds an element, not text only");
      }
      content(value);
    }
  }

  /** One piece of an element's content that is not a tag: text, a reference, CDATA, a comment. */
  private void content(StringBuilder value) throws Malformed {
    if (pos >= text.length()) {
      throw syntax("the document ends inside an element");
    }
    char c = text.charAt(pos);
    if (c == '<') {
      if (text.startsWith("<!--", pos)) {
        comment();
      } else if (text.startsWith("<![CDATA[", pos)) {
        int end = text.indexOf("]]>", pos + 9);
        if (end < 0) {
          throw syntax("a CDATA section that does not end");
        }
        checkChars(pos + 9, end);
        if (value != null) {
          appendNormalized(value, pos + 9, end);
        }
        pos = end + 3;
      } else if (text.startsWith("<?", pos)) {
        processingInstruction();
      } else if (text.startsWith("<!DOCTYPE", pos)) {
        throw new Malformed("it declares a DTD");
      } else {
        throw syntax("a '<' that starts no tag");
      }
    } else if (c == '&') {
      char resolved = reference();
      if (value != null) {
        value.append(resolved);
      }
    } else {
      int start = pos;
      boolean cr = false;
      for (; pos < text.length(); pos++) {
        c = text.charAt(pos);
        if (c == '<' || c == '&') {
          break;
        }
        cr |= c == '\r';
        checkChar(pos);
        if (c == '>' && pos - start >= 2 && text.charAt(pos - 1) == ']'
            && text.charAt(pos - 2) == ']') {
          pos -= 2;
          throw syntax("']]>' in text");
        }
      }
      if (value != null && cr) {
        appendNormalized(value, start, pos);
      } else if (value != null) {
        value.append(text, start, pos);
      }
    }
  }

  /** Reads {@code <name attributes>} or {@code <name attributes/>}; answers the name. */
  private String startTag() throws Malformed {
    pos++; // '<'
    String name = name();
    if (name.indexOf(':') >= 0) {
      throw new Malformed("its element " + shown(name) + " has a namespace prefix; STS uses none");
    }
    Set<String> attributes = new HashSet<>(4); // a set: a tag may have thousands
    while (true) {
      boolean spaced = skipSpace();
      if (text.startsWith("/>", pos)) {
        pos += 2;
        return name;
      }
      if (at('>')) {
        pos++;
        return name;
      }
      if (pos >= text.length()) {
        throw syntax("the document ends inside a tag");
      }
      if (!spaced || !isNameStart(text.charAt(pos))) {
        throw syntax("an unexpected character in the tag of " + shown(name));
      }
      String attribute = name();
      if (attribute.indexOf(':') >= 0) {
        throw new Malformed(
            "its attribute " + shown(attribute) + " has a namespace prefix; STS uses none");
      }
      if (!attributes.add(attribute)) {
        throw syntax("the attribute " + shown(attribute) + " twice");
      }
      skipSpace();
      expect('=');
      skipSpace();
      attributeValue();
    }
  }

  private void attributeValue() throws Malformed {
    if (!at('"') && !at('\'')) {
      throw syntax("an attribute value without quotes");
    }
    char quote = text.charAt(pos++);
    while (true) {
      if (pos >= text.length()) {
        throw syntax("the document ends inside an attribute value");
      }
      char c = text.charAt(pos);
      if (c == quote) {
        pos++;
        return;
      }
      if (c == '<') {
        throw syntax("'<' in an attribute value");
      }
      if (c == '&') {
        reference();
      } else {
        checkChar(pos);
        pos++;
      }
    }
  }

  /** Reads {@code </name>}, which must close {@code expected}, the innermost open element. */
  private void endTag(String expected) throws Malformed {
    int start = pos;
    pos += 2;
    String name = name();
    skipSpace();
    expect('>');
    if (!name.equals(expected)) {
      pos = start;
      throw syntax("the end tag of " + shown(name) + " where " + shown(expected) + " is open");
    }
  }

  private boolean atStartTag() {
    return at('<') && pos + 1 < text.length() && isNameStart(text.charAt(pos + 1));
  }

  private boolean atEndTag() {
    return at('<') && pos + 1 < text.length() && text.charAt(pos + 1) == '/';
  }

  /** A character reference or one of the five predefined entities; any other is refused. */
  private char reference() throws Malformed {
    int end = text.indexOf(';', pos);
    if (end < 0 || end - pos > 12) {
      throw syntax("an '&' that starts no reference");
    }
    String ref = text.substring(pos + 1, end);
    char resolved;
    switch (ref) {
      case "lt":
        resolved = '<';
        break;
      case "gt":
        resolved = '>';
        break;
      case "amp":
        resolved = '&';
        break;
      case "quot":
        resolved = '"';
        break;
      case "apos":
        resolved = '\'';
        break;
      default:
        if (!ref.startsWith("#")) {
          throw new Malformed("it references an entity");
        }
        resolved = characterReference(ref);
    }
    pos = end + 1;
    return resolved;
  }

  // Only characters of the Basic Multilingual Plane: STS's texts are ASCII.
  private char characterReference(String ref) throws Malformed {
    boolean hex = ref.startsWith("#x");
    String digits = ref.substring(hex ? 2 : 1);
    int code = -1;
    if (!digits.isEmpty() && digits.length() <= 6
        && digits.chars().allMatch(d -> Character.digit(d, hex ? 16 : 10) >= 0)) {
      code = Integer.parseInt(digits, hex ? 16 : 10);
    }
    if (code < 0 || code > 0xFFFD || !isXmlChar((char) code)
        || (code >= 0xD800 && code <= 0xDFFF)) {
      throw syntax("a character reference to no allowed character");
    }
    return (char) code;
  }

  /**
   * {@code <?xml version="1.0" encoding="UTF-8" standalone="yes"?>}, the last two optional, in
   * that order.
   */
  private void declaration() throws Malformed {
    pos += 5;
    String[] names = {"version", "encoding", "standalone"};
    int next = 0;
    while (true) {
      boolean spaced = skipSpace();
      if (text.startsWith("?>", pos)) {
        if (next == 0) {
          throw syntax("an XML declaration without a version");
        }
        pos += 2;
        return;
      }
      if (!spaced || pos >= text.length() || !isNameStart(text.charAt(pos))) {
        throw syntax("an unexpected character in the XML declaration");
      }
      String name = name();
      int index = List.of(names).indexOf(name);
      if (index < next || (next == 0 && index != 0)) {
        throw syntax("an XML declaration with " + shown(name) + " out of place");
      }
      next = index;
      skipSpace();
      expect('=');
      skipSpace();
      if (!at('"') && !at('\'')) {
        throw syntax("an XML declaration's " + name + " without quotes");
      }
      int end = text.indexOf(text.charAt(pos), pos + 1);
      if (end < 0) {
        throw syntax("the document ends inside the XML declaration");
      }
      String value = text.substring(pos + 1, end);
      if (name.equals("version") && !value.equals("1.0")) {
        throw syntax("an XML version other than 1.0");
      }
      if (name.equals("encoding") && !value.equalsIgnoreCase("UTF-8")) {
        throw new Malformed("its XML declaration names an encoding other than UTF-8");
      }
      if (name.equals("standalone") && !value.equals("yes") && !value.equals("no")) {
        throw syntax("an XML declaration's standalone other than yes or no");
      }
      pos = end + 1;
      next++;
    }
  }

  /** Whitespace, comments and processing instructions around the root element. */
  private void misc() throws Malformed {
    while (true) {
      skipSpace();
      if (text.startsWith("<!--", pos)) {
        comment();
      } else if (text.startsWith("<?", pos)) {
        processingInstruction();
      } else if (text.startsWith("<!DOCTYPE", pos)) {
        throw new Malformed("it declares a DTD");
      } else {
        return;
      }
    }
  }

  private void comment() throws Malformed {
    int end = text.indexOf("--", pos + 4);
    if (end < 0) {
      throw syntax("a comment that does not end");
    }
    if (!text.startsWith("-->", end)) {
      pos = end;
      throw syntax("'--' inside a comment");
    }
    checkChars(pos + 4, end);
    pos = end + 3;
  }

  private void processingInstruction() throws Malformed {
    pos += 2;
    if (pos >= text.length() || !isNameStart(text.charAt(pos))) {
      throw syntax("a processing instruction without a target");
    }
    String target = name();
    if (target.toLowerCase(Locale.ROOT).equals("xml")) {
      throw syntax("an XML declaration that is not at the start");
    }
    int end = text.indexOf("?>", pos);
    if (end < 0) {
      throw syntax("a processing instruction that does not end");
    }
    if (end > pos && !isSpace(text.charAt(pos))) {
      throw syntax("an unexpected character after a processing instruction's target");
    }
    checkChars(pos, end);
    pos = end + 2;
  }

  private String name() throws Malformed {
    int start = pos;
    if (pos >= text.length() || !isNameStart(text.charAt(pos))) {
      throw syntax("a name expected");
    }
    pos++;
    while (pos < text.length() && isNameChar(text.charAt(pos))) {
      pos++;
    }
    if (pos < text.length() && text.charAt(pos) > 0x7f) {
      throw new Malformed("it has a name with characters outside ASCII; STS uses none");
    }
    return text.substring(start, pos);
  }

  private boolean skipSpace() {
    int start = pos;
    while (pos < text.length() && isSpace(text.charAt(pos))) {
      pos++;
    }
    return pos > start;
  }

  private void expect(char c) throws Malformed {
    if (!at(c)) {
      throw syntax("'" + c + "' expected");
    }
    pos++;
  }

  private boolean at(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void checkChars(int from, int to) throws Malformed {
    for (int i = from; i < to; i++) {
      checkChar(i);
    }
  }

  private void checkChar(int at) throws Malformed {
    char c = text.charAt(at);
    if (!isXmlChar(c) && !Character.isSurrogate(c)) {
      pos = at;
      throw syntax("a character XML does not allow (U+" + Integer.toHexString(c) + ")");
    }
  }

  // XML normalizes line ends: CR LF and a lone CR read as LF.
  private void appendNormalized(StringBuilder value, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        value.append('\n');
        if (i + 1 < to && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        value.append(c);
      }
    }
  }

  private Malformed syntax(String what) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Malformed(
        "not well-formed XML at line " + line + ", column " + column + ": " + what);
  }

  // Names are ASCII name characters, so printable: only their length needs a bound.
  private static String shown(String name) {
    return name.length() > 64 ? name.substring(0, 64) + "..." : name;
  }

  private static boolean wants(String[] wanted, String name) {
    for (String w : wanted) {
      if (w.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  private static boolean isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
  }

  // Surrogates, which isXmlChar refuses one by one, come in pairs here: the document was decoded
  // from UTF-8, strictly.
  private static boolean isXmlChar(char c) {
    return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD);
  }

  /** A document this reader refuses, and why. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }
}
