package dev.tether.vault.internal.attest.nitro;

import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The real AWS-signed Nitro documents in src/test/resources/attestation/nitro (see the README there
 * for where each comes from) and their expected decodings.
 */
final class NitroVectors {

  static final List<String> DOCUMENTS =
      List.of(
          "hf-nitrite-pr2_2021-10-28_us-east-2_debug",
          "blocky-nitrite_2024-09-07_us-east-1",
          "blocky-nitrite_2024-09-07_us-east-1_debug",
          "evervault-ga_2023-09-18_us-east-1_debug",
          "evervault-beta_2022-10-12_us-east-1_debug",
          "evervault-beta_2022-10-13_us-east-1_pcr8",
          "evervault-san_2023-01-18_us-east-1_debug",
          "evervault-san_2023-01-18_us-east-1_pcr8");

  static final String LOOK_ALIKE = "blocky-nitrite_selfsigned-not-aws";

  /** The day these tests were written; every document's certificates had long expired. */
  static final Instant TODAY = Instant.parse("2026-11-25T00:00:00Z");

  private NitroVectors() {}

  static byte[] document(String name) {
    return resource("docs/" + name + ".cbor");
  }

  static byte[] lookAlike() {
    return resource("negative/" + LOOK_ALIKE + ".cbor");
  }

  static JsonObject expected(String name) {
    return (JsonObject) JsonReader.parse(resource("expected/" + name + ".json"));
  }

  /** The instant the document says it was made, which is also when to verify it. */
  static Instant timestamp(String name) {
    return Instant.ofEpochMilli(Long.parseLong(number(expected(name), "timestamp_ms")));
  }

  /** The start and end of the window in which every certificate of the document is valid. */
  static Instant windowStart(String name) {
    return window(name, 0);
  }

  static Instant windowEnd(String name) {
    return window(name, 1);
  }

  private static Instant window(String name, int end) {
    String utc =
        ((JsonString)
                ((dev.tether.core.json.JsonArray) expected(name).get("chain_valid_window_utc"))
                    .get(end))
            .value();
    return Instant.parse(utc);
  }

  static String string(JsonObject object, String field) {
    return ((JsonString) object.get(field)).value();
  }

  static String number(JsonObject object, String field) {
    return ((JsonNumber) object.get(field)).literal();
  }

  static Instant offsetTime(JsonObject object, String field) {
    return OffsetDateTime.parse(string(object, field)).toInstant();
  }

  static byte[] resource(String path) {
    String name = "/attestation/nitro/" + path;
    try (InputStream in = NitroVectors.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource missing: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
