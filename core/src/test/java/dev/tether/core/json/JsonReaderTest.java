package dev.tether.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

  private static final String SECRET = "CANARYsecret0123456789";

  @Test
  void readsEveryKindOfValueKeepingFieldOrder() {
    JsonValue value =
        JsonReader.parse(
            " {\"z\":1,\"a\":[true,false,null],\"m\":{\"s\":\"x\"},\"n\":-1.5e+3} "
                .getBytes(UTF_8));

    JsonObject object = (JsonObject) value;
    assertThat(object.members().keySet()).containsExactly("z", "a", "m", "n");
    assertThat(object.get("z")).isEqualTo(new JsonNumber("1"));
    assertThat(((JsonArray) object.get("a")).elements())
        .containsExactly(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE);
    assertThat(((JsonObject) object.get("m")).get("s")).isEqualTo(new JsonString("x"));
    assertThat(((JsonNumber) object.get("n")).toBigDecimal())
        .isEqualByComparingTo(new BigDecimal("-1500"));
    assertThat(object.get("missing")).isNull();
  }

  @Test
  void readsScalarsAndEmptyContainersAtTheTop() {
    assertThat(JsonReader.parse("\"s\"")).isEqualTo(new JsonString("s"));
    assertThat(JsonReader.parse("0")).isEqualTo(new JsonNumber("0"));
    assertThat(JsonReader.parse("null")).isEqualTo(JsonNull.INSTANCE);
    assertThat(JsonReader.parse("true")).isEqualTo(JsonBoolean.TRUE);
    assertThat(JsonReader.parse("{}")).isEqualTo(JsonObject.builder().build());
    assertThat(JsonReader.parse(" [ ] ")).isEqualTo(JsonArray.of(List.of()));
  }

  @Test
  void writerOutputReadsBackEqual() {
    String json =
        "{\"a\":[1,-0,2.50,1E+3,12345678901234567890123],\"b\":{\"c\":\"\\\"\\\\\\n\"},"
            + "\"d\":[],\"e\":{},\"f\":null,\"g\":true}";
    JsonValue value = JsonReader.parse(json);
    assertThat(JsonWriter.write(value)).isEqualTo(json); // number literals kept as written
    assertThat(JsonReader.parse(JsonWriter.write(value))).isEqualTo(value);
  }

  @Test
  void recordsPositionsOfFieldNamesAndElements() {
    JsonObject object = (JsonObject) JsonReader.parse("{\n  \"a\": 1,\n  \"b\": [10,\n 20]\n}");
    assertThat(object.position("a")).isEqualTo(new JsonPosition(2, 3));
    assertThat(object.position("b")).isEqualTo(new JsonPosition(3, 3));
    JsonArray b = (JsonArray) object.get("b");
    assertThat(b.position(0)).isEqualTo(new JsonPosition(3, 9));
    assertThat(b.position(1)).isEqualTo(new JsonPosition(4, 2));
  }

  @Test
  void decodesEscapesAndSurrogatePairs() {
    String json =
        "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041\\u00e9\\u20AC \\uD83D\\uDE00 \uD83D\uDE00\"";
    assertThat(((JsonString) JsonReader.parse(json)).value())
        .isEqualTo("\" \\ / \b \f \n \r \t Aé€ \uD83D\uDE00 \uD83D\uDE00");
    assertThat(((JsonString) JsonReader.parse("\"\\u0000\"")).value()).isEqualTo("\0");
    assertThat(((JsonString) JsonReader.parse("\"é€😀\"".getBytes(UTF_8))).value())
        .isEqualTo("é€😀");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``| empty input; expected a value",
        "`  `| empty input",
        "{| expected a field name in double quotes (line 1, column 2)",
        "{\"a\"| expected ':' after the field name at field 'a' (line 1, column 5)",
        "{\"a\":| unexpected end of input; expected a value",
        "{\"a\":1| expected ',' or '}' after the field value at field 'a' (line 1, column 7)",
        "{\"a\":1,}| expected a field name in double quotes (line 1, column 8)",
        "{'a':1}| expected a field name in double quotes (line 1, column 2)",
        "{a:1}| expected a field name in double quotes",
        "[1,]| expected a value (object, array, string, number, true, false or null) at field"
            + " '[1]'",
        "[1 2]| expected ',' or ']' after the array element at field '[0]' (line 1, column 4)",
        "{\"a\":1}x| trailing content after the JSON value; send exactly one value (line 1, column"
            + " 8)",
        "{} {}| trailing content after the JSON value",
        "1 2| trailing content",
        "/* c */ 1| expected a value",
        "tru| expected a value",
        "nul| expected a value",
        "True| expected a value",
        "NaN| NaN and Infinity are not JSON numbers",
        "Infinity| NaN and Infinity are not JSON numbers",
        "-Infinity| NaN and Infinity are not JSON numbers",
        "[+1]| expected a value",
        "01| leading zeros are not allowed in numbers (line 1, column 1)",
        "-01| leading zeros are not allowed in numbers",
        "1.| expected a digit after the decimal point",
        ".5| expected a value",
        "1e| expected a digit in the exponent",
        "1e+| expected a digit in the exponent",
        "-| expected a digit",
        "-x| expected a digit",
        "0x1F| trailing content",
        "\"abc| unterminated string; expected a closing '\"'",
        "\"a\\| unterminated string",
        "\"\\x\"| invalid escape in a string; use",
        "\"\\u12\"| invalid \\u escape; expected four hex digits (line 1, column 2)",
        "\"\\u12G4\"| invalid \\u escape; expected four hex digits",
        "\"\\uD800\"| unpaired surrogate escape; \\uD800-\\uDBFF must be followed by"
            + " \\uDC00-\\uDFFF",
        "\"\\uD800\\u0041\"| unpaired surrogate escape",
        "\"\\uD800\\n\"| unpaired surrogate escape",
        "\"\\uDC00\"| unpaired surrogate escape; \\uDC00-\\uDFFF must follow \\uD800-\\uDBFF",
        "\"\\uDE00\\uD83D\"| unpaired surrogate escape",
      })
  void rejectsWithWhatWasExpectedAndWhere(String json, String message) {
    assertThatThrownBy(() -> JsonReader.parse(json.getBytes(UTF_8)))
        .isInstanceOf(JsonReadException.class)
        .hasMessageContaining(message.strip());
  }

  @Test
  void rejectsFullwidthDigitsInUnicodeEscapes() {
    assertThatThrownBy(() -> JsonReader.parse("\"\\u００41\""))
        .hasMessageContaining("invalid \\u escape");
  }

  @Test
  void rejectsDuplicateFieldNamesAtTheSecondOne() {
    assertThatThrownBy(() -> JsonReader.parse("{\"a\":{\"b\":1,\"b\":2}}"))
        .isInstanceOf(JsonReadException.class)
        .hasMessage("duplicate field name at field 'a.b' (line 1, column 13)")
        .satisfies(
            e -> {
              JsonReadException r = (JsonReadException) e;
              assertThat(r.reason()).isEqualTo("duplicate field name");
              assertThat(r.path()).isEqualTo("a.b");
              assertThat(r.position()).isEqualTo(new JsonPosition(1, 13));
            });
  }

  @Test
  void rejectsControlCharactersInStrings() {
    for (char c = 0; c < 0x20; c++) {
      String json = "{\"k\":\"a" + c + "b\"}";
      assertThatThrownBy(() -> JsonReader.parse(json))
          .as("U+%04X", (int) c)
          .hasMessage(
              "control character in a string; escape it, e.g. as \\n, \\t or \\u001F"
                  + " at field 'k' (line 1, column 8)");
    }
    assertThat(((JsonString) JsonReader.parse("\"\u007f\"")).value()).isEqualTo("\u007f");
  }

  @Test
  void rejectsUnpairedSurrogatesInTextInput() {
    assertThatThrownBy(() -> JsonReader.parse("\"a\uD800\""))
        .hasMessage("unpaired UTF-16 surrogate in a string (line 1, column 3)");
    assertThatThrownBy(() -> JsonReader.parse("\"a\uDC00b\""))
        .hasMessageContaining("unpaired UTF-16 surrogate");
    assertThatThrownBy(() -> JsonReader.parse("\"\uD800")).hasMessageContaining("unpaired");
  }

  @Test
  void rejectsInvalidUtf8WithItsPosition() {
    byte[] overlong = {'[', '"', (byte) 0xC0, (byte) 0xAF, '"', ']'};
    byte[] encodedSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
    byte[] truncated = {'\n', '"', 'a', (byte) 0xE2, (byte) 0x82};
    byte[] latin1 = "\"caf\u00e9\"".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> JsonReader.parse(overlong))
        .hasMessage("invalid UTF-8 byte sequence; send the JSON as UTF-8 (line 1, column 3)");
    assertThatThrownBy(() -> JsonReader.parse(encodedSurrogate)).hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> JsonReader.parse(truncated))
        .hasMessageContaining("UTF-8")
        .hasMessageContaining("line 2, column 3");
    assertThatThrownBy(() -> JsonReader.parse(latin1)).hasMessageContaining("invalid UTF-8");
  }

  @Test
  void rejectsAByteOrderMark() {
    byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
    assertThatThrownBy(() -> JsonReader.parse(withBom))
        .hasMessage(
            "byte order mark at the start of the input; send UTF-8 JSON without a BOM"
                + " (line 1, column 1)");
    assertThatThrownBy(() -> JsonReader.parse("\uFEFF{}")).hasMessageContaining("byte order mark");
    assertThat(JsonReader.parse("\"\uFEFF\"")).isEqualTo(new JsonString("\uFEFF")); // inside: data
  }

  @Test
  void limitsNestingDepth() {
    String deepest = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
    assertThat(JsonReader.parse(deepest)).isInstanceOf(JsonArray.class);
    String tooDeep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
    assertThatThrownBy(() -> JsonReader.parse(tooDeep))
        .isInstanceOf(JsonReadException.class)
        .hasMessageStartingWith("nested deeper than 64 levels at field '[0][0]")
        .hasMessageEndingWith("(line 1, column 65)");
    // Far deeper input fails the same way, not with a StackOverflowError.
    assertThatThrownBy(() -> JsonReader.parse("{\"a\":".repeat(100_000)))
        .hasMessageStartingWith("nested deeper than 64 levels at field 'a.a.a");
    assertThatThrownBy(() -> JsonReader.parse("[[[1]]]", 2, 100))
        .hasMessageStartingWith("nested deeper than 2 levels");
  }

  @Test
  void limitsInputLength() {
    String big = "\"" + "x".repeat(JsonReader.MAX_LENGTH - 2) + "\"";
    assertThat(((JsonString) JsonReader.parse(big.getBytes(UTF_8))).value())
        .hasSize(JsonReader.MAX_LENGTH - 2);
    assertThatThrownBy(() -> JsonReader.parse((big + " ").getBytes(UTF_8)))
        .isInstanceOf(JsonReadException.class)
        .hasMessage("input is 1048577 bytes, over the limit of 1048576");
    assertThatThrownBy(() -> JsonReader.parse(big + " "))
        .hasMessage("input is 1048577 characters, over the limit of 1048576");
    assertThatThrownBy(() -> JsonReader.parse("[1, 2]", 64, 5))
        .hasMessageContaining("over the limit of 5")
        .satisfies(e -> assertThat(((JsonReadException) e).position()).isNull());
  }

  @Test
  void readsALargeArrayOfObjects() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 20_000; i++) {
      json.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append(",\"s\":\"v").append(i);
      json.append("\"}");
    }
    JsonArray array = (JsonArray) JsonReader.parse(json.append(']').toString());
    assertThat(array.size()).isEqualTo(20_000);
    assertThat(((JsonObject) array.get(19_999)).get("i")).isEqualTo(JsonNumber.of(19_999));
  }

  @Test
  void limitsNumberLength() {
    String longest = "1".repeat(JsonReader.MAX_NUMBER_LENGTH);
    assertThat(JsonReader.parse(longest)).isEqualTo(new JsonNumber(longest));
    assertThatThrownBy(() -> JsonReader.parse("[" + longest + "1]"))
        .hasMessage("number longer than 1000 characters at field '[0]' (line 1, column 2)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "7", "-12", "1.5", "0.25", "1e9", "1E-9", "-2.5e+10", "1e999"})
  void acceptsEveryNumberForm(String literal) {
    assertThat(JsonReader.parse(literal)).isEqualTo(new JsonNumber(literal));
  }

  @Test
  void messagesNeverQuoteValuesAndSanitizeFieldNames() {
    String[] bad = {
      "{\"k\":\"" + SECRET + "\" " + SECRET + "}",
      "{\"k\":" + SECRET + "}",
      "[\"" + SECRET + "\\q\"]",
      "{\"" + SECRET + "\":\"" + SECRET + "\",\"" + SECRET + "\":1}",
    };
    for (String json : bad) {
      assertThatThrownBy(() -> JsonReader.parse(json))
          .isInstanceOf(JsonReadException.class)
          .satisfies(
              e ->
                  assertThat(e.getMessage().replace("at field '" + SECRET, ""))
                      .doesNotContain(SECRET));
    }
    String longName = "n".repeat(100) + "'\u00e9";
    assertThatThrownBy(() -> JsonReader.parse("{\"" + longName + "\":1 1}"))
        .hasMessageContaining("at field '" + "n".repeat(64) + "...'");
    assertThatThrownBy(() -> JsonReader.parse("{\"a'\u00e9\\n\":1 1}"))
        .hasMessageContaining("at field 'a???'");
  }
}
