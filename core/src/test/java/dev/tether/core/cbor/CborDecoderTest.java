package dev.tether.core.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CborDecoderTest {

  @Test
  void readsTheRfc8949AppendixAIntegers() {
    assertInteger("00", "0");
    assertInteger("01", "1");
    assertInteger("0a", "10");
    assertInteger("17", "23");
    assertInteger("1818", "24");
    assertInteger("1819", "25");
    assertInteger("1864", "100");
    assertInteger("1903e8", "1000");
    assertInteger("1a000f4240", "1000000");
    assertInteger("1b000000e8d4a51000", "1000000000000");
    assertInteger("1bffffffffffffffff", "18446744073709551615");
    assertInteger("3bffffffffffffffff", "-18446744073709551616");
    assertInteger("20", "-1");
    assertInteger("29", "-10");
    assertInteger("3863", "-100");
    assertInteger("3903e7", "-1000");
  }

  @Test
  void readsTheRfc8949AppendixABignumsAsTagsOverByteStrings() {
    assertThat(decode("c249010000000000000000"))
        .isEqualTo(new CborTag(2, CborByteString.of(hex("010000000000000000"))));
    assertThat(decode("c349010000000000000000"))
        .isEqualTo(new CborTag(3, CborByteString.of(hex("010000000000000000"))));
  }

  @Test
  void readsTheRfc8949AppendixASimpleValues() {
    assertThat(decode("f4")).isEqualTo(CborSimple.FALSE);
    assertThat(decode("f5")).isEqualTo(CborSimple.TRUE);
    assertThat(decode("f6")).isEqualTo(CborSimple.NULL);
    assertThat(decode("f7")).isEqualTo(CborSimple.UNDEFINED);
  }

  @Test
  void readsTheRfc8949AppendixATags() {
    assertThat(decode("c074323031332d30332d32315432303a30343a30305a"))
        .isEqualTo(new CborTag(0, new CborTextString("2013-03-21T20:04:00Z")));
    assertThat(decode("c11a514b67b0")).isEqualTo(new CborTag(1, CborInteger.of(1363896240)));
    assertThat(decode("d74401020304"))
        .isEqualTo(new CborTag(23, CborByteString.of(hex("01020304"))));
    assertThat(decode("d818456449455446"))
        .isEqualTo(new CborTag(24, CborByteString.of(hex("6449455446"))));
    assertThat(decode("d82076687474703a2f2f7777772e6578616d706c652e636f6d"))
        .isEqualTo(new CborTag(32, new CborTextString("http://www.example.com")));
  }

  @Test
  void readsTheRfc8949AppendixAStrings() {
    assertThat(decode("40")).isEqualTo(CborByteString.of(new byte[0]));
    assertThat(decode("4401020304")).isEqualTo(CborByteString.of(hex("01020304")));
    assertThat(decode("60")).isEqualTo(new CborTextString(""));
    assertThat(decode("6161")).isEqualTo(new CborTextString("a"));
    assertThat(decode("6449455446")).isEqualTo(new CborTextString("IETF"));
    assertThat(decode("62225c")).isEqualTo(new CborTextString("\"\\"));
    assertThat(decode("62c3bc")).isEqualTo(new CborTextString("\u00fc"));
    assertThat(decode("63e6b0b4")).isEqualTo(new CborTextString("\u6c34"));
    assertThat(decode("64f0908591")).isEqualTo(new CborTextString("\ud800\udd51"));
  }

  @Test
  void readsTheRfc8949AppendixAArraysAndMaps() {
    assertThat(decode("80")).isEqualTo(CborArray.of(List.of()));
    assertThat(decode("83010203")).isEqualTo(array(integer(1), integer(2), integer(3)));
    assertThat(decode("8301820203820405"))
        .isEqualTo(array(integer(1), array(integer(2), integer(3)), array(integer(4), integer(5))));
    CborArray twentyFive =
        (CborArray) decode("98190102030405060708090a0b0c0d0e0f101112131415161718181819");
    assertThat(twentyFive.size()).isEqualTo(25);
    assertThat(twentyFive.get(24)).isEqualTo(integer(25));

    assertThat(decode("a0")).isEqualTo(CborMap.of(Map.of()));
    CborMap numbers = (CborMap) decode("a201020304");
    assertThat(numbers.get(1)).isEqualTo(integer(2));
    assertThat(numbers.get(3)).isEqualTo(integer(4));
    CborMap mixed = (CborMap) decode("a26161016162820203");
    assertThat(mixed.get("a")).isEqualTo(integer(1));
    assertThat(mixed.get("b")).isEqualTo(array(integer(2), integer(3)));
    CborArray nested = (CborArray) decode("826161a161626163");
    assertThat(nested.get(1)).isEqualTo(map("b", text("c")));
    CborMap five = (CborMap) decode("a56161614161626142616361436164614461656145");
    assertThat(five.entries().keySet())
        .containsExactly(text("a"), text("b"), text("c"), text("d"), text("e"));
    assertThat(five.get("e")).isEqualTo(text("E"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    // RFC 8949 Appendix A items outside the subset: floating point and unassigned simple values.
    "f90000, floating-point numbers are not supported, 0",
    "fa47c35000, floating-point numbers are not supported, 0",
    "fb3ff199999999999a, floating-point numbers are not supported, 0",
    "f0, simple value 16 is not supported, 0",
    "f8ff, simple value 255 is not supported, 0",
    "f818, simple value 24 in two bytes is not well-formed, 0",
    // RFC 8949 Appendix A indefinite-length examples.
    "5f42010243030405ff, indefinite-length a byte string is not supported, 0",
    "7f657374726561646d696e67ff, indefinite-length a text string is not supported, 0",
    "9fff, indefinite-length an array is not supported, 0",
    "83018202039f0405ff, indefinite-length an array is not supported, 5",
    "bf61610161629f0203ffff, indefinite-length a map is not supported, 0",
    "ff, unexpected break byte, 0",
    "1f, additional information 31 is not well-formed for an unsigned integer, 0",
    "3f, additional information 31 is not well-formed for a negative integer, 0",
    "df00, additional information 31 is not well-formed for a tag, 0",
    "1c, reserved additional information 28, 0",
    "5d, reserved additional information 29, 0",
    "fe, reserved additional information 30, 0",
  })
  void refusesWhatTheSubsetLeavesOutNamingWhatAndWhere(String input, String reason, int offset) {
    assertRefused(input, reason, offset);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "'', expected a data item, 0",
    "18, expected 1 bytes of the argument after the initial byte, 1",
    "1b000000, expected 8 bytes of the argument after the initial byte, 1",
    "44010203, a byte string declares 4 bytes but only 3 bytes remain, 0",
    "8301, an array declares 3 elements but only 1 byte remains, 0",
    "828101, expected a data item, 3",
    "a1010203, expected the end of the input, 3",
    "0000, expected the end of the input, 1",
    "a1f601, 'expected an integer or a text string as map key, found null', 1",
    "a14001, 'expected an integer or a text string as map key, found a byte string', 1",
    "a2616101616102, duplicate map key 'a', 4",
    "a201010102, duplicate map key 1, 3",
  })
  void refusesBrokenInputNamingWhatAndWhere(String input, String reason, int offset) {
    assertRefused(input, reason, offset);
  }

  @Test
  void refusesTextThatIsNotWellFormedUtf8AtTheBadByte() {
    assertRefused("62c328", "expected well-formed UTF-8", 1); // truncated sequence
    assertRefused("63eda080", "expected well-formed UTF-8", 1); // a surrogate (CESU-8)
    assertRefused("62c0af", "expected well-formed UTF-8", 1); // overlong '/'
    assertRefused("6461f4908080", "expected well-formed UTF-8", 2); // above U+10FFFF
  }

  @Test
  void neverTrustsADeclaredLengthOrCountBeforeCheckingWhatRemains() {
    assertRefused(
        "5bffffffffffffffff", "declares 18446744073709551615 bytes but only 0 bytes remain", 0);
    assertRefused("7a7fffffff61", "declares 2147483647 bytes but only 1 byte remains", 0);
    assertRefused("9b7fffffffffffffff00", "an array declares 9223372036854775807 elements", 0);
    assertRefused("bb000000010000000000", "a map declares 4294967296 entries", 0);
    assertRefused("830102", "an array declares 3 elements but only 2 bytes remain", 0);
  }

  @Test
  void enforcesDepthSizeAndItemLimits() {
    CborLimits tight = new CborLimits(2, 8, 5);
    assertThat(CborDecoder.decode(hex("818101"), tight)).isEqualTo(array(array(integer(1))));
    assertThatThrownBy(() -> CborDecoder.decode(hex("81818101"), tight))
        .isInstanceOfSatisfying(
            CborException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("an array nested deeper than the limit of 2 levels");
              assertThat(e.offset()).isEqualTo(2);
            });
    assertThatThrownBy(() -> CborDecoder.decode(hex("c1c1c101"), tight))
        .hasMessageContaining("a tag nested deeper than the limit of 2 levels");
    assertThatThrownBy(() -> CborDecoder.decode(hex("48000102030405060708"), tight))
        .hasMessageContaining("input is 10 bytes, over the limit of 8");
    assertThatThrownBy(() -> CborDecoder.decode(hex("850102030405"), tight))
        .hasMessageContaining("an array declares 5 elements, over the limit of 5 data items");
    assertThatThrownBy(() -> CborDecoder.decode(hex("82828101"), new CborLimits(5, 100, 3)))
        .hasMessageContaining("an array declares 2 elements, over the limit of 3 data items");
    assertThatThrownBy(() -> CborDecoder.decode(hex("80"), new CborLimits(0, 8, 5)))
        .hasMessageContaining("an array nested deeper than the limit of 0 levels");
    assertThat(CborDecoder.decode(hex("01"), new CborLimits(0, 8, 1))).isEqualTo(integer(1));
  }

  @Test
  void deeplyNestedInputFailsCleanlyAtTheDefaultLimit() {
    byte[] deep = new byte[100_000];
    java.util.Arrays.fill(deep, (byte) 0x81);
    assertThatThrownBy(() -> CborDecoder.decode(deep))
        .isInstanceOf(CborException.class)
        .hasMessageContaining("nested deeper than the limit of 32 levels");
  }

  @Test
  void acceptsNonShortestEncodingsBecauseTheyAreWellFormed() {
    assertInteger("1805", "5");
    assertInteger("1b0000000000000005", "5");
    assertThat(decode("5801ff")).isEqualTo(CborByteString.of(new byte[] {(byte) 0xff}));
  }

  @Test
  void everyPrefixOfAValidItemIsRefusedWithCborException() {
    byte[] full = hex("a36161830102036162d8184401020304616382f5f6");
    assertThat(decode("a36161830102036162d8184401020304616382f5f6")).isInstanceOf(CborMap.class);
    for (int length = 0; length < full.length; length++) {
      byte[] prefix = java.util.Arrays.copyOf(full, length);
      assertThatThrownBy(() -> CborDecoder.decode(prefix)).isInstanceOf(CborException.class);
    }
  }

  @Test
  void neverQuotesTheInputInMessagesOrToString() {
    String secret = "CANARYsecret0123456789-with spaces";
    byte[] text = concat(hex("78" + String.format("%02x", secret.length())), secret.getBytes());
    assertThat(CborDecoder.decode(text).toString()).doesNotContain("CANARY");
    assertThat(CborByteString.of(secret.getBytes()).toString()).doesNotContain("CANARY");
    byte[] duplicate = concat(hex("a2"), text, hex("01"), text, hex("02"));
    assertThatThrownBy(() -> CborDecoder.decode(duplicate))
        .hasMessage("duplicate map key (a text key) (at offset 38)")
        .hasMessageNotContaining("CANARY");
  }

  @Test
  void mapsKeepWriteOrderAndAcceptOnlyIntegerOrTextKeys() {
    LinkedHashMap<CborValue, CborValue> entries = new LinkedHashMap<>();
    entries.put(text("z"), integer(1));
    entries.put(integer(-35), integer(2));
    assertThat(CborMap.of(entries).entries().keySet()).containsExactly(text("z"), integer(-35));
    assertThatThrownBy(() -> CborMap.of(Map.of(CborSimple.NULL, integer(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void integersSayWhetherTheyFitInALong() {
    CborInteger big = (CborInteger) decode("1bffffffffffffffff");
    assertThat(big.fitsInLong()).isFalse();
    assertThatThrownBy(big::longValue).isInstanceOf(ArithmeticException.class);
    CborInteger small = (CborInteger) decode("3b7fffffffffffffff");
    assertThat(small.fitsInLong()).isTrue();
    assertThat(small.longValue()).isEqualTo(Long.MIN_VALUE);
  }

  private static void assertInteger(String input, String expected) {
    assertThat(decode(input)).isEqualTo(new CborInteger(new BigInteger(expected)));
  }

  private static void assertRefused(String input, String reason, int offset) {
    assertThatThrownBy(() -> decode(input))
        .isInstanceOfSatisfying(
            CborException.class,
            e -> {
              assertThat(e.reason()).contains(reason);
              assertThat(e.offset()).isEqualTo(offset);
            });
  }

  private static CborValue decode(String hex) {
    return CborDecoder.decode(hex(hex));
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static CborInteger integer(long value) {
    return CborInteger.of(value);
  }

  private static CborTextString text(String value) {
    return new CborTextString(value);
  }

  private static CborArray array(CborValue... elements) {
    return CborArray.of(List.of(elements));
  }

  private static CborMap map(String key, CborValue value) {
    return CborMap.of(Map.of(text(key), value));
  }
}
