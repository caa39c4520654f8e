package dev.tether.vault.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonRecordsTest {

  @Test
  void instantsReadBackAsWrittenWhateverTheirFraction() {
    for (Instant instant : new Instant[] {
        Instant.parse("2026-11-27T23:59:59Z"),
        Instant.parse("2026-11-27T10:00:00.120Z"),
        Instant.parse("2024-02-29T00:00:00.000001Z"),
        Instant.parse("1970-01-01T00:00:00.123456789Z")}) {
      String text = JsonRecords.write(
          JsonObject.builder().put("at", JsonRecords.instant(instant)).build());

      assertThat(JsonRecords.instant(JsonRecords.read(text), "at")).isEqualTo(instant);
    }
  }

  @Test
  void aStoredTextThatIsNoInstantIsRefusedByItsFieldWithoutQuotingIt() {
    for (String text : new String[] {"2026-02-30T00:00:00Z", "yesterday", "2026-11-27 10:00:00Z"}) {
      JsonObject record = JsonObject.builder().put("at", text).build();

      assertThatThrownBy(() -> JsonRecords.instant(record, "at"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'at'")
          .hasMessageContaining("ISO-8601 instant")
          .hasMessageNotContaining(text);
    }
  }

  @Test
  void aNullInstantIsNull() {
    JsonObject record = JsonObject.builder().put("at", JsonRecords.instant(null)).build();

    assertThat(JsonRecords.instant(record, "at")).isNull();
  }
}
