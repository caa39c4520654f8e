package dev.tether.core.cbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link CborDecoder#decode} (docs/fuzzing.md). Whatever the bytes: decoding
 * returns a value or throws {@link CborException}, nothing else, with a bounded, printable message
 * and an offset inside the input; decoding is deterministic; the limits are exact (a value of depth
 * d and n items decodes within limits (d, length, n) to the same value, and is refused with one
 * level, one item or one byte less); a value fills its input exactly (no proper prefix decodes, a
 * byte more is refused); and a value wrapped in a one-element array decodes as that array.
 *
 * <p>There is no CBOR encoder in Tether (COSE signatures cover bytes, not values), so there is no
 * round trip to check. Seeds in {@code CborDecoderFuzzTestInputs/decode/}: the RFC 8949 appendix A
 * items the decoder supports, non-shortest heads, nested maps, and a real Nitro attestation
 * document with its payload.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS) // per input; libFuzzer's -timeout when fuzzing
class CborDecoderFuzzTest {

  /**
   * Longest message: "a byte string declares 18446744073709551615 bytes but only 1048576 bytes
   * remain in the input (at offset 1048576)" is 110; duplicate keys quote at most 32 characters.
   */
  private static final int MAX_MESSAGE = 200;

  private static final CborLimits DEFAULT = CborLimits.DEFAULT;

  @FuzzTest
  void decode(byte[] input) {
    Object first = outcome(input, DEFAULT);
    Object again = outcome(input.clone(), DEFAULT);
    assertEquals(first, again, "decoding the same bytes twice gave different answers");
    if (!(first instanceof CborValue value)) {
      return;
    }
    assertEquals(value.hashCode(), ((CborValue) again).hashCode());
    int depth = depth(value);
    int items = items(value);
    assertTrue(depth <= DEFAULT.maxDepth(), "depth " + depth + " over the default limit");
    assertTrue(items <= DEFAULT.maxItems(), items + " items over the default limit");

    // The limits are exact: the value's own depth, size and item count suffice, one less does not.
    assertEquals(value, outcome(input, new CborLimits(depth, input.length, items)));
    if (depth > 0) {
      refused(input, new CborLimits(depth - 1, input.length, items), "one level less");
    }
    if (items > 1) {
      refused(input, new CborLimits(depth, input.length, items - 1), "one item less");
    }
    refused(input, new CborLimits(depth, input.length - 1, items), "one byte less");

    // A data item fills its input: a proper prefix is not one, and a byte more is refused.
    refused(Arrays.copyOf(input, input.length - 1), DEFAULT, "the input cut short by a byte");
    refused(Arrays.copyOf(input, input.length + 1), DEFAULT, "the input and a byte more");

    if (depth < DEFAULT.maxDepth() && items < DEFAULT.maxItems() && input.length < (1 << 20)) {
      byte[] wrapped = new byte[input.length + 1];
      wrapped[0] = (byte) 0x81; // an array of one element
      System.arraycopy(input, 0, wrapped, 1, input.length);
      assertEquals(CborArray.of(List.of(value)), outcome(wrapped, DEFAULT), "[value]");
    }
  }

  /** The value, or the refusal's message; checks the refusal on the way. */
  private static Object outcome(byte[] input, CborLimits limits) {
    try {
      CborValue value = CborDecoder.decode(input, limits);
      assertNotNull(value);
      return value;
    } catch (CborException e) {
      check(e, input);
      return e.getMessage();
    }
  }

  private static void refused(byte[] input, CborLimits limits, String what) {
    try {
      CborDecoder.decode(input, limits);
      fail("decoded with " + what + " (" + limits + ")");
    } catch (CborException e) {
      check(e, input);
    }
  }

  private static void check(CborException e, byte[] input) {
    String message = e.getMessage();
    assertNotNull(message);
    assertNotNull(e.reason());
    assertEquals(e.reason() + " (at offset " + e.offset() + ")", message);
    assertTrue(message.length() <= MAX_MESSAGE, "message is " + message.length() + " long");
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      assertTrue(c >= 0x20 && c < 0x7f, "message has a non-printable character at " + i);
    }
    // The end of the input is a place too ("expected a data item, found the end of the input").
    assertTrue(
        e.offset() >= 0 && e.offset() <= input.length,
        "offset " + e.offset() + " outside an input of " + input.length + " bytes");
  }

  /** Nesting as CborLimits counts it: a scalar 0, an array, map or tag one more than its content. */
  private static int depth(CborValue value) {
    if (value instanceof CborArray array) {
      int deepest = 0;
      for (CborValue element : array.elements()) {
        deepest = Math.max(deepest, depth(element));
      }
      return deepest + 1;
    }
    if (value instanceof CborMap map) {
      int deepest = 0;
      for (Map.Entry<CborValue, CborValue> entry : map.entries().entrySet()) {
        deepest = Math.max(deepest, Math.max(depth(entry.getKey()), depth(entry.getValue())));
      }
      return deepest + 1;
    }
    if (value instanceof CborTag tag) {
      return depth(tag.content()) + 1;
    }
    return 0;
  }

  /** Data items as CborLimits counts them: each one, a map entry two. */
  private static int items(CborValue value) {
    int count = 1;
    if (value instanceof CborArray array) {
      for (CborValue element : array.elements()) {
        count += items(element);
      }
    } else if (value instanceof CborMap map) {
      for (Map.Entry<CborValue, CborValue> entry : map.entries().entrySet()) {
        count += items(entry.getKey()) + items(entry.getValue());
      }
    } else if (value instanceof CborTag tag) {
      count += items(tag.content());
    }
    return count;
  }
}
