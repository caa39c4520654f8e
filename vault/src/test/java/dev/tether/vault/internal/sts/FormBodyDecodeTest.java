package dev.tether.vault.internal.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The local STS decodes form values exactly as {@link URLDecoder} does, refusals included. */
class FormBodyDecodeTest {

  @Property(tries = 2000)
  void decodesWhatUrlEncoderWrites(@ForAll String value) {
    assertThat(FormBody.decode(URLEncoder.encode(value, StandardCharsets.UTF_8)))
        .isEqualTo(URLDecoder.decode(URLEncoder.encode(value, StandardCharsets.UTF_8),
            StandardCharsets.UTF_8));
  }

  /**
   * Text of escapes good and bad, signs, pluses and stray bytes: the same text or refusal. An
   * escape with a sign ({@code %+1}) is refused, as by URLDecoder since JDK 19; JDK 17's took it.
   */
  @Property(tries = 3000)
  void decodesAnyTextAsUrlDecoderDoes(@ForAll("formText") String text) {
    if (text.matches(".*%[+-].*")) {
      assertThatThrownBy(() -> FormBody.decode(text)).isInstanceOf(IllegalArgumentException.class);
      return;
    }
    String expected;
    try {
      expected = URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      assertThatThrownBy(() -> FormBody.decode(text)).isInstanceOf(IllegalArgumentException.class);
      return;
    }
    assertThat(FormBody.decode(text)).isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> formText() {
    return Arbitraries.of("%", "%C3", "%A9", "%E2%82", "%AC", "%F0", "%9F", "%41", "%7e", "%+1",
            "%-1", "%G0", "%0", "+", "a", "=", "&", "\u00e9", "\ud83d\ude00", "%25", "%2B", "%FF")
        .list().ofMaxSize(8).map(parts -> String.join("", parts));
  }
}
