package dev.tether.core.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the bytes, the decoder answers with a value or a {@link CborException}, nothing else.
 */
class CborDecoderPropertyTest {

  // A map with every supported kind of item, nested, to mutate.
  private static final byte[] SAMPLE =
      HexFormat.of()
          .parseHex("a46161830102036162d81844010203046163a201f6203bffffffffffffffff6164780162");

  @Property(tries = 1)
  void theSampleIsValid() {
    assertThat(((CborMap) CborDecoder.decode(SAMPLE)).size()).isEqualTo(4);
  }

  @Property
  void arbitraryBytesDecodeOrFailWithCborException(@ForAll @Size(max = 64) byte[] input) {
    assertDecodesOrRefuses(input);
  }

  @Property
  void aSampleWithOneByteChangedDecodesOrFailsWithCborException(
      @ForAll int position, @ForAll byte value) {
    byte[] input = SAMPLE.clone();
    input[Math.floorMod(position, input.length)] = value;
    assertDecodesOrRefuses(input);
  }

  private static void assertDecodesOrRefuses(byte[] input) {
    try {
      assertThat(CborDecoder.decode(input, new CborLimits(8, 1024, 256))).isNotNull();
    } catch (CborException refused) {
      assertThat(refused.offset()).isBetween(0, input.length);
    }
  }
}
