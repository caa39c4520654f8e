package dev.tether.core.cbor;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * Decodes exactly one CBOR data item (RFC 8949) that fills the whole input, strictly.
 *
 * <p>Read: integers (major types 0 and 1, the full 64-bit range), byte strings, text strings
 * (well-formed UTF-8 only), arrays, maps whose keys are integers or text strings (no duplicates),
 * tags (any number, content decoded and returned in a {@link CborTag}), and the simple values
 * false, true, null and undefined. Refused, with a {@link CborException}: indefinite lengths,
 * floating-point numbers, other simple values, reserved and malformed initial bytes, truncated
 * input, and bytes after the item.
 *
 * <p>Non-shortest encodings of integers and lengths (e.g. {@code 0x18 0x05} for 5) are well-formed
 * CBOR and accepted: signatures over CBOR (COSE) cover the bytes, not the decoded values.
 *
 * <p>Hostile input is bounded by {@link CborLimits}. A length or count read from the input is
 * compared with the bytes that remain before anything is allocated for it.
 */
public final class CborDecoder {

  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  private final byte[] in;
  private final CborLimits limits;
  private int pos;
  private int items;

  private CborDecoder(byte[] in, CborLimits limits) {
    this.in = in;
    this.limits = limits;
  }

  /** Decodes with {@link CborLimits#DEFAULT}. */
  public static CborValue decode(byte[] input) {
    return decode(input, CborLimits.DEFAULT);
  }

  /**
   * @throws CborException if the input is not one supported, well-formed data item within the
   *     limits
   */
  public static CborValue decode(byte[] input, CborLimits limits) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(limits, "limits");
    if (input.length > limits.maxBytes()) {
      throw new CborException(
          "input is " + input.length + " bytes, over the limit of " + limits.maxBytes(), 0);
    }
    CborDecoder decoder = new CborDecoder(input, limits);
    CborValue value = decoder.readItem(0);
    if (decoder.pos != input.length) {
      throw new CborException(
          "expected the end of the input after the data item, found "
              + (input.length - decoder.pos)
              + " more bytes",
          decoder.pos);
    }
    return value;
  }

  private CborValue readItem(int depth) {
    int start = pos;
    if (pos >= in.length) {
      throw new CborException("expected a data item, found the end of the input", pos);
    }
    if (++items > limits.maxItems()) {
      throw new CborException(
          "expected at most " + limits.maxItems() + " data items in the input", start);
    }
    int initial = in[pos++] & 0xFF;
    int major = initial >>> 5;
    int info = initial & 0x1F;
    if (major == 7) {
      return readSimple(info, start);
    }
    if (info == 31) {
      throw new CborException(
          major >= 2 && major <= 5
              ? "indefinite-length "
                  + TYPE_NAMES[major]
                  + " is not supported; expected a definite length"
              : "additional information 31 is not well-formed for " + TYPE_NAMES[major],
          start);
    }
    if (info >= 28) {
      throw new CborException(
          "reserved additional information "
              + info
              + " in the initial byte of "
              + TYPE_NAMES[major],
          start);
    }
    long argument = readArgument(info);
    switch (major) {
      case 0:
        return new CborInteger(unsigned(argument));
      case 1:
        return new CborInteger(unsigned(argument).not()); // -1 - n
      case 2:
        return CborByteString.wrap(readBytes(argument, start));
      case 3:
        return new CborTextString(readText(argument, start));
      case 4:
        return readArray(argument, depth, start);
      case 5:
        return readMap(argument, depth, start);
      default:
        enterContainer(depth, "a tag", start);
        return new CborTag(argument, readItem(depth + 1));
    }
  }

  private static final String[] TYPE_NAMES = {
    "an unsigned integer",
    "a negative integer",
    "a byte string",
    "a text string",
    "an array",
    "a map",
    "a tag",
    "a simple value"
  };

  // The argument that follows the initial byte: the value, length, count or tag number; unsigned.
  private long readArgument(int info) {
    if (info < 24) {
      return info;
    }
    int size = 1 << (info - 24); // 24, 25, 26, 27 -> 1, 2, 4, 8 bytes
    need(size, "the argument after the initial byte");
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (in[pos++] & 0xFF);
    }
    return value;
  }

  private CborValue readSimple(int info, int start) {
    switch (info) {
      case 20:
        return CborSimple.FALSE;
      case 21:
        return CborSimple.TRUE;
      case 22:
        return CborSimple.NULL;
      case 23:
        return CborSimple.UNDEFINED;
      case 24:
        need(1, "the simple value after the initial byte");
        int value = in[pos++] & 0xFF;
        throw new CborException(
            value < 32
                ? "simple value " + value + " in two bytes is not well-formed"
                : "simple value "
                    + value
                    + " is not supported; expected false, true, null or undefined",
            start);
      case 25:
      case 26:
      case 27:
        throw new CborException(
            "floating-point numbers are not supported; expected an integer or another item", start);
      case 28:
      case 29:
      case 30:
        throw new CborException(
            "reserved additional information " + info + " in the initial byte of a simple value",
            start);
      case 31:
        throw new CborException(
            "unexpected break byte (0xff): indefinite lengths are not supported", start);
      default:
        throw new CborException(
            "simple value " + info + " is not supported; expected false, true, null or undefined",
            start);
    }
  }

  private byte[] readBytes(long length, int start) {
    int size = checkedLength(length, "a byte string", start);
    byte[] bytes = new byte[size];
    System.arraycopy(in, pos, bytes, 0, size);
    pos += size;
    return bytes;
  }

  private String readText(long length, int start) {
    int size = checkedLength(length, "a text string", start);
    CharsetDecoder decoder =
        UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.wrap(in, pos, size);
    CharBuffer chars = CharBuffer.allocate(size); // UTF-8 never needs more chars than bytes
    CoderResult result = decoder.decode(bytes, chars, true);
    if (!result.isError()) {
      result = decoder.flush(chars);
    }
    if (result.isError()) {
      throw new CborException("expected well-formed UTF-8 in a text string", bytes.position());
    }
    pos += size;
    return chars.flip().toString();
  }

  // A string's length, once it is known to fit in what remains of the input.
  private int checkedLength(long length, String what, int start) {
    int remaining = in.length - pos;
    if (Long.compareUnsigned(length, remaining) > 0) {
      throw new CborException(
          what
              + " declares "
              + Long.toUnsignedString(length)
              + " bytes but only "
              + remain(remaining),
          start);
    }
    return (int) length;
  }

  private CborArray readArray(long count, int depth, int start) {
    int size = checkedCount(count, 1, "an array", start);
    enterContainer(depth, "an array", start);
    List<CborValue> elements = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      elements.add(readItem(depth + 1));
    }
    return CborArray.of(elements);
  }

  private CborMap readMap(long count, int depth, int start) {
    int size = checkedCount(count, 2, "a map", start);
    enterContainer(depth, "a map", start);
    LinkedHashMap<CborValue, CborValue> entries = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      int keyStart = pos;
      CborValue key = readItem(depth + 1);
      if (!CborMap.isSupportedKey(key)) {
        throw new CborException(
            "expected an integer or a text string as map key, found " + key.kind(), keyStart);
      }
      if (entries.containsKey(key)) {
        throw new CborException("duplicate map key " + describeKey(key), keyStart);
      }
      entries.put(key, readItem(depth + 1));
    }
    return CborMap.wrap(entries);
  }

  // Every element takes at least one byte, so a count larger than what remains cannot be right.
  private int checkedCount(long count, int itemsPerEntry, String what, int start) {
    long remaining = in.length - pos;
    if (Long.compareUnsigned(count, remaining / itemsPerEntry) > 0) {
      throw new CborException(
          what
              + " declares "
              + Long.toUnsignedString(count)
              + (itemsPerEntry == 1 ? " elements" : " entries")
              + " but only "
              + remain(remaining),
          start);
    }
    long budget = (long) limits.maxItems() - items;
    if (count * itemsPerEntry > budget) {
      throw new CborException(
          what
              + " declares "
              + count
              + (itemsPerEntry == 1 ? " elements" : " entries")
              + ", over the limit of "
              + limits.maxItems()
              + " data items in the input",
          start);
    }
    return (int) count;
  }

  private void enterContainer(int depth, String what, int start) {
    if (depth + 1 > limits.maxDepth()) {
      throw new CborException(
          what + " nested deeper than the limit of " + limits.maxDepth() + " levels", start);
    }
  }

  private void need(int size, String what) {
    if (in.length - pos < size) {
      throw new CborException(
          "expected " + size + " bytes of " + what + ", found " + (in.length - pos), pos);
    }
  }

  private static String remain(long bytes) {
    return bytes == 1 ? "1 byte remains in the input" : bytes + " bytes remain in the input";
  }

  private static BigInteger unsigned(long value) {
    BigInteger big = BigInteger.valueOf(value);
    return value >= 0 ? big : big.add(TWO_TO_64);
  }

  // Keys are field names or numbers; quote only short, plain names (never arbitrary input).
  private static String describeKey(CborValue key) {
    if (key instanceof CborInteger integer) {
      return integer.value().toString();
    }
    String text = ((CborTextString) key).value();
    return text.length() <= 32 && text.matches("[A-Za-z0-9_.-]+")
        ? "'" + text + "'"
        : "(a text key)";
  }
}
