package dev.tether.vault.internal.attest.nitro;

import dev.tether.core.cbor.CborArray;
import dev.tether.core.cbor.CborByteString;
import dev.tether.core.cbor.CborInteger;
import dev.tether.core.cbor.CborMap;
import dev.tether.core.cbor.CborSimple;
import dev.tether.core.cbor.CborTag;
import dev.tether.core.cbor.CborTextString;
import dev.tether.core.cbor.CborValue;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes CBOR in its shortest form, for tests that rebuild a real document with one part changed.
 * Re-encoding an unchanged real document gives back its exact bytes (checked in the tests).
 */
final class CborTestEncoder {

  private CborTestEncoder() {}

  static byte[] encode(CborValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, CborValue value) {
    if (value instanceof CborInteger integer) {
      BigInteger n = integer.value();
      if (n.signum() >= 0) {
        head(out, 0, n.longValue());
      } else {
        head(out, 1, n.not().longValue());
      }
    } else if (value instanceof CborByteString bytes) {
      head(out, 2, bytes.length());
      out.writeBytes(bytes.bytes());
    } else if (value instanceof CborTextString text) {
      byte[] utf8 = text.value().getBytes(StandardCharsets.UTF_8);
      head(out, 3, utf8.length);
      out.writeBytes(utf8);
    } else if (value instanceof CborArray array) {
      head(out, 4, array.size());
      array.elements().forEach(element -> write(out, element));
    } else if (value instanceof CborMap map) {
      head(out, 5, map.size());
      for (Map.Entry<CborValue, CborValue> entry : map.entries().entrySet()) {
        write(out, entry.getKey());
        write(out, entry.getValue());
      }
    } else if (value instanceof CborTag tag) {
      head(out, 6, tag.tag());
      write(out, tag.content());
    } else {
      out.write(0xE0 | (20 + ((CborSimple) value).ordinal())); // false, true, null, undefined
    }
  }

  private static void head(ByteArrayOutputStream out, int major, long argument) {
    int type = major << 5;
    if (argument >= 0 && argument < 24) {
      out.write(type | (int) argument);
      return;
    }
    int size =
        Long.compareUnsigned(argument, 0xFF) <= 0
            ? 1
            : Long.compareUnsigned(argument, 0xFFFF) <= 0
                ? 2
                : Long.compareUnsigned(argument, 0xFFFFFFFFL) <= 0 ? 4 : 8;
    out.write(type | (24 + Integer.numberOfTrailingZeros(size)));
    for (int i = size - 1; i >= 0; i--) {
      out.write((int) (argument >>> (8 * i)));
    }
  }
}
