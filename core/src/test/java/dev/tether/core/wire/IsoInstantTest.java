package dev.tether.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

  @Test
  void agreesWithInstantParseOnRandomInstants() {
    Random random = new Random(42);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      long second = min + (long) (random.nextDouble() * (max - min));
      int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
      String text = Instant.ofEpochSecond(second, nanos).toString();
      assertThat(IsoInstant.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00Z",
        "2025-01-02T03:04:05.123Z",
        "2025-01-02T03:04:05.1Z",
        "2025-01-02T03:04:05.000000001Z",
        "2024-02-29T23:59:59.999999999Z",
        "2000-02-29T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "1969-12-31T23:59:59.5Z",
        // not canonical: left to Instant.parse
        "2025-01-01T01:00:00+01:00",
        "2025-01-01T24:00:00Z",
        "2025-01-01T00:00:00.Z",
        "+10000-01-01T00:00:00Z",
      })
  void sameResultAsInstantParse(String text) {
    assertThat(IsoInstant.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2025-04-31T00:00:00Z",
        "2025-13-01T00:00:00Z",
        "2025-00-01T00:00:00Z",
        "2025-01-01T00:60:00Z",
        "2025-01-01T00:00:60Z",
        "2025-01-01T00:00:00.1234567890Z",
        "2025-01-01T00:00:00",
        "2025-01-01",
        "2025-01-0１T00:00:00Z",
        "",
      })
  void rejectsWhatInstantParseRejects(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> IsoInstant.parse(text)).isInstanceOf(DateTimeException.class);
  }
}
