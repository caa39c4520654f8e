package dev.tether.vault.internal.exchange.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The Vault's form encoding is byte for byte what {@link URLEncoder} (and so the SDK) writes. */
class FormEncodingTest {

  @Property(tries = 2000)
  void encodesAsUrlEncoderDoes(@ForAll String value) {
    assertThat(FormEncoding.encode(value))
        .isEqualTo(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  @Test
  void encodesASessionPolicyAsUrlEncoderDoes() {
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::bucket/t-1/*\"]}]} \u00e9~";

    assertThat(FormEncoding.encode(policy))
        .isEqualTo(URLEncoder.encode(policy, StandardCharsets.UTF_8))
        .startsWith("%7B%22Version%22%3A%222012-10-17%22").endsWith("+%C3%A9%7E");
    assertThat(FormEncoding.encode("Tags.member.1.Key")).isSameAs("Tags.member.1.Key");
  }
}
