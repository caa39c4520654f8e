package dev.tether.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link JsonWriter} copies runs of characters that need no escape in bulk; this holds it to the
 * char-by-char writer it replaced, kept here as the reference, on strings made mostly of what
 * needs care: controls, quotes, backslashes, surrogate pairs and lone surrogates, among long runs.
 */
class JsonStringEscapePropertyTest {

  @Property(tries = 5_000)
  void writesWhatTheCharByCharWriterWrote(@ForAll("strings") String s) {
    Statistics.label("outcome").coverage(coverage -> {
      coverage.check("written").percentage(p -> p >= 30);
      coverage.check("refused").percentage(p -> p >= 5);
    });
    String expected;
    try {
      expected = reference(s);
    } catch (IllegalArgumentException e) {
      Statistics.label("outcome").collect("refused");
      assertThatThrownBy(() -> JsonWriter.write(new JsonString(s)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(e.getMessage());
      return;
    }
    Statistics.label("outcome").collect("written");
    assertThat(JsonWriter.write(new JsonString(s))).isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> strings() {
    Arbitrary<String> pieces = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40),
        Arbitraries.strings().withCharRange((char) 0, (char) 0x1f).ofMaxLength(3),
        Arbitraries.of("\"", "\\", "/", "é€", "\u2028", "😀", "\uD800", "\uDC00", "\uDBFF\uDFFF"),
        Arbitraries.strings().all().ofMaxLength(4));
    return pieces.list().ofMaxSize(12).map(list -> String.join("", list));
  }

  // The writer before runs were copied in bulk (core's JsonWriter until this change).
  private static String reference(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04X", (int) c));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new IllegalArgumentException(
                "string has an unpaired UTF-16 surrogate at index "
                    + i
                    + "; it cannot be written as UTF-8 JSON");
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }
}
