package dev.tether.agent.internal.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class YamlParserTest {

  @Nested
  class Accepted {

    @Test
    void aFileWithNoContentHasNoRoot() throws YamlException {
      assertThat(YamlParser.parse("")).isNull();
      assertThat(YamlParser.parse("# only a comment\n\n   \n\t\n")).isNull();
      assertThat(YamlParser.parse("---\n")).isNull();
      assertThat(YamlParser.parse("--- # start\n...\n")).isNull();
    }

    @Test
    void blockMappingsNestByIndentation() throws YamlException {
      YamlNode root = YamlParser.parse("vault:\n  url: http://h:1\n  timeout: 5s\ntelemetry: x\n");

      assertThat(root)
          .isEqualTo(
              map(
                  1,
                  1,
                  entry(
                      plain("vault", 1, 1),
                      map(
                          2,
                          3,
                          entry(plain("url", 2, 3), plain("http://h:1", 2, 8)),
                          entry(plain("timeout", 3, 3), plain("5s", 3, 12)))),
                  entry(plain("telemetry", 4, 1), plain("x", 4, 12))));
    }

    @Test
    void blockListsIndentedOrInTheColumnOfTheirKey() throws YamlException {
      YamlNode expected =
          map(
              1,
              1,
              entry(
                  plain("a", 1, 1),
                  new YamlSequence(List.of(plain("x", 2, 5), plain("y", 3, 5)), 2, 3)));
      assertThat(YamlParser.parse("a:\n  - x\n  - y\n")).isEqualTo(expected);

      YamlMap unindented = (YamlMap) YamlParser.parse("a:\n- x\n- y\nb: 1\n");
      assertThat(unindented.entries()).extracting(e -> e.key().value()).containsExactly("a", "b");
      assertThat(unindented.entries().get(0).value())
          .isEqualTo(new YamlSequence(List.of(plain("x", 2, 3), plain("y", 3, 3)), 2, 1));
    }

    @Test
    void listItemsHoldMappingsInTheCompactFormOrOnTheLinesBelow() throws YamlException {
      YamlSequence compact =
          (YamlSequence) YamlParser.parse("- name: a\n  aws:\n    actions: [x]\n- name: b\n");
      assertThat(compact.items())
          .extracting(YamlNode::line, YamlNode::column)
          .containsExactly(tuple(1, 3), tuple(4, 3));
      YamlMap first = (YamlMap) compact.items().get(0);
      assertThat(first.entries()).extracting(e -> e.key().value()).containsExactly("name", "aws");

      YamlSequence below = (YamlSequence) YamlParser.parse("-\n  name: a\n  egress: b\n");
      assertThat(((YamlMap) below.items().get(0)).entries()).hasSize(2);
      assertThat(below.items().get(0).line()).isEqualTo(2);
    }

    @Test
    void listsNestInTheCompactForm() throws YamlException {
      assertThat(YamlParser.parse("- - a\n  - b\n- c\n"))
          .isEqualTo(
              new YamlSequence(
                  List.of(
                      new YamlSequence(List.of(plain("a", 1, 5), plain("b", 2, 5)), 1, 3),
                      plain("c", 3, 3)),
                  1,
                  1));
    }

    @Test
    void flowCollectionsNestOnOneLine() throws YamlException {
      YamlMap root = (YamlMap) YamlParser.parse("a: [x, \"y\", [z], {k: v, e: }, p: q, ]\n");
      YamlSequence list = (YamlSequence) root.entries().get(0).value();

      assertThat(list.line()).isEqualTo(1);
      assertThat(list.column()).isEqualTo(4);
      assertThat(list.items())
          .containsExactly(
              plain("x", 1, 5),
              YamlScalar.quoted("y", 1, 8),
              new YamlSequence(List.of(plain("z", 1, 14)), 1, 13),
              map(
                  1,
                  18,
                  entry(plain("k", 1, 19), plain("v", 1, 22)),
                  entry(plain("e", 1, 25), YamlScalar.empty(1, 27))),
              map(1, 31, entry(plain("p", 1, 31), plain("q", 1, 34))));
      assertThat(YamlParser.parse("a: []\nb: {}\n"))
          .isEqualTo(
              map(
                  1,
                  1,
                  entry(plain("a", 1, 1), new YamlSequence(List.of(), 1, 4)),
                  entry(plain("b", 2, 1), new YamlMap(List.of(), 2, 4))));
      assertThat(YamlParser.parse("{\"url\":x, k}"))
          .isEqualTo(
              map(
                  1,
                  1,
                  entry(YamlScalar.quoted("url", 1, 2), plain("x", 1, 8)),
                  entry(plain("k", 1, 11), YamlScalar.empty(1, 12))));
    }

    @Test
    void plainValuesKeepColonsAndHashesThatAreNotIndicators() throws YamlException {
      YamlMap root =
          (YamlMap)
              YamlParser.parse(
                  "a: s3:GetObject\n"
                      + "b: arn:aws:s3:::bucket/*   # the bucket\n"
                      + "c: [s3:Get*, \"arn:aws:s3:::b/${repo}/*\"]\n"
                      + "d: u#1 #comment\n"
                      + "e f : two words\n"
                      + "g: http://127.0.0.1:8787\n");

      assertThat(values(root))
          .containsExactly(
              "s3:GetObject",
              "arn:aws:s3:::bucket/*",
              "[s3:Get*, arn:aws:s3:::b/${repo}/*]",
              "u#1",
              "two words",
              "http://127.0.0.1:8787");
      assertThat(root.entries().get(4).key().value()).isEqualTo("e f");
    }

    @Test
    void quotedValuesResolveTheirEscapes() throws YamlException {
      YamlMap root =
          (YamlMap)
              YamlParser.parse(
                  "a: 'it''s # not a comment'\n"
                      + "b: \"q\\\" b\\\\ n\\n t\\t \\u00e9 \\x41 \\U0001F600 \\/\"\n"
                      + "c: \"\"\n"
                      + "d: 'no \\escape'\n");

      assertThat(values(root))
          .containsExactly(
              "it's # not a comment", "q\" b\\ n\n t\t \u00e9 A \uD83D\uDE00 /", "", "no \\escape");
      assertThat(root.entries().get(2).value()).isEqualTo(YamlScalar.quoted("", 3, 4));
    }

    @Test
    void nullIsNothingTildeOrTheWordNullUnquoted() throws YamlException {
      YamlMap root =
          (YamlMap)
              YamlParser.parse(
                  "a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: \"null\"\ng: nil\nh:  # c\n");

      assertThat(root.entries())
          .extracting(e -> e.value() instanceof YamlScalar s && s.isNull())
          .containsExactly(true, true, true, true, true, false, false, true);
      // Nothing written sits just after the colon, where a problem about it points.
      assertThat(root.entries().get(0).value()).isEqualTo(YamlScalar.empty(1, 3));
      assertThat(root.entries().get(7).value()).isEqualTo(YamlScalar.empty(8, 3));
      assertThat(YamlParser.parse("- \n-\n"))
          .isEqualTo(
              new YamlSequence(List.of(YamlScalar.empty(1, 2), YamlScalar.empty(2, 2)), 1, 1));
    }

    @Test
    void documentMarkersByteOrderMarkAndLineEndings() throws YamlException {
      YamlNode expected = map(2, 1, entry(plain("a", 2, 1), plain("1", 2, 4)));
      assertThat(YamlParser.parse("---\na: 1\n...\n...\n# done\n")).isEqualTo(expected);
      assertThat(YamlParser.parse("\uFEFF# bom\r\na: 1\r\n")).isEqualTo(expected);
      assertThat(YamlParser.parse("# old mac\ra: 1\r")).isEqualTo(expected);
    }

    @Test
    void tabsSeparateButDoNotIndent() throws YamlException {
      assertThat(values((YamlMap) YamlParser.parse("a:\tx\t# c\nb:\t[y,\tz]\t\n\t\n  \t# c\n")))
          .containsExactly("x", "[y, z]");
    }

    @Test
    void anIndentedFileAndRepeatedKeysAreKeptAsWritten() throws YamlException {
      YamlMap root = (YamlMap) YamlParser.parse("  a: 1\n  a: 2\n");

      assertThat(root.column()).isEqualTo(3);
      assertThat(values(root)).containsExactly("1", "2"); // the reader reports the repeat
    }

    @Test
    void columnsCountCharactersOutsideTheBasicPlaneOnce() throws YamlException {
      YamlMap root = (YamlMap) YamlParser.parse("a: [\uD83D\uDE00, x]\n");

      assertThat(((YamlSequence) root.entries().get(0).value()).items().get(1))
          .isEqualTo(plain("x", 1, 8));
    }

    @Test
    void nestingUpToTheLimitIsRead() throws YamlException {
      String flow = "[".repeat(YamlParser.MAX_DEPTH) + "]".repeat(YamlParser.MAX_DEPTH);
      assertThat(YamlParser.parse(flow)).isInstanceOf(YamlSequence.class);

      StringBuilder block = new StringBuilder();
      for (int i = 0; i < YamlParser.MAX_DEPTH; i++) {
        block.append(" ".repeat(i)).append("k:\n"); // a mapping on each line
      }
      assertThat(YamlParser.parse(block.toString())).isInstanceOf(YamlMap.class);
    }
  }

  @Nested
  class Refused {

    @Test
    void tabsInIndentation() {
      assertRefused(
          "vault:\n\turl: x\n",
          "2:1: YAML syntax error: a tab in the indentation" + " — indent with spaces, not tabs");
      assertRefused(
          "vault:\n  \turl: x\n",
          "2:3: YAML syntax error: a tab in the indentation" + " — indent with spaces, not tabs");
    }

    @Test
    void yamlFeaturesOutsideTheSubset() {
      assertRefused(
          "a: &x 1\n",
          "1:4: YAML anchors ('&name') are not supported"
              + " — write the value out in full; quote it if it starts with '&'");
      assertRefused(
          "a: [*x]\n",
          "1:5: YAML aliases ('*name') are not supported"
              + " — write the value out in full; quote a value that starts with '*', e.g. \"*\"");
      assertRefused(
          "a: !!str 1\n",
          "1:4: YAML tags ('!tag', '!!str') are not supported — remove the tag, every value is read"
              + " as text; quote a value that starts with '!'");
      assertRefused(
          "a: |\n  x\n",
          "1:4: YAML block scalars ('|', '>') are not supported"
              + " — write the value on one line, in quotes if needed");
      assertRefused(
          "a: >-\n  x\n",
          "1:4: YAML block scalars ('|', '>') are not supported"
              + " — write the value on one line, in quotes if needed");
      assertRefused(
          "? a\n: b\n", "1:1: explicit keys ('? ') are not supported — write 'key: value'");
      assertRefused(
          "%YAML 1.2\n---\na: 1\n",
          "1:1: YAML directives ('%YAML', '%TAG') are not supported — remove the line");
    }

    @Test
    void moreThanOneDocument() {
      assertRefused(
          "a: 1\n---\nb: 2\n",
          "2:1: YAML syntax error: a second YAML document starts here"
              + " — keep one YAML document: remove the '---' line and what follows, or merge them");
      assertRefused(
          "a: 1\n...\nb: 2\n",
          "3:1: YAML syntax error: content after the end of the document ('...')"
              + " — remove the '...' line, or what follows it");
      assertRefused(
          "--- a: 1\n",
          "1:5: YAML syntax error: content on the '---' line"
              + " — '---' stands alone on its line; put the content on the next line");
    }

    @Test
    void unterminatedAndBadlyEscapedQuotes() {
      assertRefused(
          "a: \"abc\n",
          "1:4: YAML syntax error: the quoted value is not closed on this line"
              + " — close it with a second \" on the same line; a value cannot span lines");
      assertRefused(
          "a: 'it''s\n",
          "1:4: YAML syntax error: the quoted value is not closed on this line"
              + " — close it with a second ' on the same line; a value cannot span lines");
      assertRefused(
          "a: \"x\\qy\"\n",
          "1:6: YAML syntax error: unknown escape '\\q' in a double-quoted value"
              + " — write \\\\ for a backslash, or use single quotes, in which '\\' is an ordinary"
              + " character");
      assertRefused(
          "a: \"\\x4\"\n",
          "1:5: YAML syntax error: invalid escape in a double-quoted value"
              + " — write \\x, \\u or \\U followed by 2, 4 or 8 hexadecimal digits of a Unicode"
              + " code point (this one needs 2)");
      assertRefused(
          "a: \"\\U00110000\"\n",
          "1:5: YAML syntax error: invalid escape in a double-quoted value"
              + " — write \\x, \\u or \\U followed by 2, 4 or 8 hexadecimal digits of a Unicode"
              + " code point (this one needs 8)");
    }

    @Test
    void brokenFlowCollections() {
      assertRefused(
          "a: [x, y\n",
          "1:4: YAML syntax error: the list '[' is not closed on this line"
              + " — close it with ']' on the same line, or write one '- item' per line below the"
              + " key");
      assertRefused(
          "a: {k: v  # }\n",
          "1:4: YAML syntax error: the mapping '{' is not closed on this line"
              + " — close it with '}' on the same line, or write one 'key: value' per line below"
              + " the key");
      assertRefused(
          "a: [\"x\" \"y\"]\n",
          "1:9: YAML syntax error: expected ',' or ']' after a list item"
              + " — separate list items with ', ' and close the list with ']'");
      assertRefused(
          "a: {\"k\": 'v' w}\n",
          "1:14: YAML syntax error: expected ',' or '}' after a mapping entry"
              + " — separate entries with ', ' and close the mapping with '}'");
      assertRefused(
          "a: [arn:aws:s3:::b/${repo}/*]\n",
          "1:21: YAML syntax error: expected ',' or ']' after a list item, found '{'"
              + " — quote the item, e.g. \"arn:aws:s3:::bucket/${repo}/*\": inside [...] and {...}"
              + " an unquoted value ends at , [ ] { }");
      assertRefused(
          "a: [x, , y]\n",
          "1:8: YAML syntax error: an empty entry before this ',' — remove the extra ','");
      assertRefused(
          "a: [x]]\n",
          "1:7: YAML syntax error: unexpected text after the closing bracket"
              + " — end the line after it, or start a comment with ' #'");
      assertRefused(
          "a: [- x]\n",
          "1:5: YAML syntax error: a '- ' list item cannot start here"
              + " — put each '- item' on a line of its own, or write [a, b]");
      assertRefused(
          "a: [?x]\n",
          "1:5: YAML syntax error: a value cannot start with '?' unless it is quoted"
              + " — quote the value, e.g. \"?...\"");
    }

    @Test
    void keysAndValuesOnTheWrongPlaces() {
      assertRefused(
          "a: 1\nb\n",
          "2:1: YAML syntax error: expected 'key: value', found 'b' with no ': ' after it"
              + " — write 'key: value', with a space after the colon");
      assertRefused(
          "a: 1\nb:c\n",
          "2:1: YAML syntax error: expected 'key: value', found 'b:c' with no ': ' after it"
              + " — write 'key: value', with a space after the colon");
      assertRefused(
          "a: b: c\n",
          "1:5: YAML syntax error: a second ': ' on the line of 'a'"
              + " — quote the value if it contains ': ', or fix the indentation of this line");
      assertRefused(
          "a: - b\n",
          "1:4: YAML syntax error: a '- ' list cannot start on the same line as 'a:'"
              + " — put each '- item' on a line of its own below it, or write [a, b]");
      assertRefused(
          "a: 1\n- b\n",
          "2:1: YAML syntax error: a '- ' list item among the keys of a mapping"
              + " — indent the list under the key it belongs to, or write 'key: value'");
      assertRefused(
          ": x\n", "1:1: YAML syntax error: a ':' with no key before it — write 'key: value'");
      assertRefused(
          "[a]: b\n",
          "1:1: a key must be a single value, not a list"
              + " — write 'key: value' with a plain word as key");
      assertRefused(
          "a: {[k]: v}\n",
          "1:5: a key must be a single value, not a list"
              + " — write 'key: value' with a plain word as key");
      assertRefused(
          "a: \"x\" y\n",
          "1:8: YAML syntax error: unexpected text after the quoted value"
              + " — put all of the value inside the quotes, or start a comment with ' #'");
      for (char c : "@`%],}".toCharArray()) {
        assertRefused(
            "a: " + c + "x\n",
            "1:4: YAML syntax error: a value cannot start with '"
                + c
                + "' unless it is quoted — quote the value, e.g. \""
                + c
                + "...\"");
      }
    }

    @Test
    void badIndentation() {
      assertRefused(
          "a:\n  - x\n  y: 1\n",
          "3:3: YAML syntax error: this line is in the column of the '- ' items above, but is not"
              + " one — indent it further to continue the item above, or start a new item with"
              + " '- '");
      assertRefused(
          "a: 1\n  b: 2\n",
          "2:3: YAML syntax error: this line is indented under 'a', which already has a value"
              + " — line it up with 'a' (column 1); a value cannot continue on the next line, so"
              + " keep it on one line, in quotes if needed");
      assertRefused(
          "- x\n  y\n",
          "2:3: YAML syntax error: this line is indented under the list item on line 1, which"
              + " already has a value — line it up with the list item on line 1 (column 1); a"
              + " value cannot continue on the next line, so keep it on one line, in quotes if"
              + " needed");
      assertRefused(
          "a:\n    b: 1\n  c: 2\n",
          "3:3: YAML syntax error: bad indentation: column 3 lines up with nothing above"
              + " — indent it to column 1 like 'a', or to column 5 like 'b'");
      assertRefused(
          "- - a\n  - b\n - c\n",
          "3:2: YAML syntax error: bad indentation: column 2 lines up with nothing above"
              + " — indent it to column 1 like the '- ' items, or to column 3 like the nested"
              + " '- ' items");
      assertRefused(
          "a:\n  b:c\n    d: 1\n",
          "3:5: YAML syntax error: this line is indented under 'b:c', which is not a 'key:'"
              + " — write 'key: value', with a space after the colon");
      assertRefused(
          "  a: 1\nb: 2\n",
          "2:1: YAML syntax error: bad indentation: this line is left of the file's first line"
              + " (column 3) — indent every top-level line like the first");
      assertRefused(
          "x\ny\n",
          "2:1: YAML syntax error: this line follows a file that is a single value"
              + " — write the configuration as 'key: value' lines");
    }

    @Test
    void charactersYamlDoesNotAllow() {
      assertRefused(
          "a: \u0007\n",
          "1:4: character U+0007 is not allowed in YAML"
              + " — remove it, or write it as an escape inside double quotes");
      assertRefused(
          "a: \uD83D\uDE00 \uD800\n",
          "1:6: character U+D800 is not allowed in YAML"
              + " — remove it, or write it as an escape inside double quotes");
      assertRefused(
          "a: 1\nb: x\u2028y\n",
          "2:5: line separator U+2028 is not allowed here"
              + " — end lines with a plain line break (\\n)");
    }

    @Test
    void nestingPastTheLimit() {
      int depth = YamlParser.MAX_DEPTH + 1;
      String tooDeep =
          "the file is nested more than 32 levels deep"
              + " — a Tether configuration needs at most 5 levels: check the indentation and"
              + " brackets";
      assertRefused("[".repeat(depth) + "]".repeat(depth), "1:33: " + tooDeep);
      assertRefused("a: " + "{k: ".repeat(100_000), "1:" + (4 + 4 * 31) + ": " + tooDeep);
      assertRefused("- ".repeat(100_000) + "x", "1:" + (1 + 2 * 32) + ": " + tooDeep);
      StringBuilder block = new StringBuilder();
      for (int i = 0; i < depth; i++) {
        block.append(" ".repeat(i)).append("k:\n"); // a mapping on each line
      }
      assertRefused(block.toString(), "33:33: " + tooDeep);
    }

    @Test
    void filesOverOneMebibyte() {
      String big = "a: " + "x".repeat(YamlParser.MAX_CHARS);

      assertRefused(
          big,
          "0:0: the file is larger than 1 MiB (1048579 characters)"
              + " — a Tether configuration is a few kilobytes: check that this is the right file");
    }
  }

  private static void assertRefused(String yaml, String expected) {
    assertThatThrownBy(() -> YamlParser.parse(yaml))
        .isInstanceOfSatisfying(
            YamlException.class,
            e ->
                assertThat(e.line() + ":" + e.column() + ": " + e.getMessage() + " — " + e.hint())
                    .isEqualTo(expected));
  }

  private static List<String> values(YamlMap map) {
    return map.entries().stream()
        .map(e -> e.value() instanceof YamlScalar s ? s.value() : flat(e.value()))
        .toList();
  }

  private static String flat(YamlNode node) {
    return ((YamlSequence) node)
        .items().stream().map(n -> ((YamlScalar) n).value()).toList().toString();
  }

  private static YamlScalar plain(String value, int line, int column) {
    return YamlScalar.plain(value, line, column);
  }

  private static YamlMap.Entry entry(YamlScalar key, YamlNode value) {
    return new YamlMap.Entry(key, value);
  }

  private static YamlMap map(int line, int column, YamlMap.Entry... entries) {
    return new YamlMap(List.of(entries), line, column);
  }
}
