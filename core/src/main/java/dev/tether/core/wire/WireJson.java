package dev.tether.core.wire;

import dev.tether.core.json.JsonNull;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReadException;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonValue;
import dev.tether.core.json.JsonWriter;
import java.time.Instant;
import java.util.List;

/**
 * The JSON form of the wire records shared by the agent and the Vault ({@link
 * AwsCredentialsRequest}, {@link AwsCredentialsResponse}, {@link GrantRequest}, {@link
 * RedeemRequest}, {@link IssuedToken}, {@link VaultError}): snake_case names,
 * unknown or duplicate fields rejected, no type coercion, {@link Instant} as an ISO-8601 string
 * ({@code 2025-01-01T00:00:00Z}).
 *
 * <p>Hand-written on {@link dev.tether.core.json} rather than a JSON library: the agent shades this
 * module and must start fast.
 */
public final class WireJson {

  private static final List<WireCodec<?>> CODECS =
      List.of(
          new AwsCredentialsRequestCodec(),
          new AwsCredentialsResponseCodec(),
          new GrantRequestCodec(),
          new RedeemRequestCodec(),
          new IssuedTokenCodec(),
          new NonceRequestCodec(),
          new AttestationNonceCodec(),
          EvidenceCodec.INSTANCE,
          BindingCodec.INSTANCE,
          new ReattestRequestCodec(),
          new ApiTokenRequestCodec(),
          new ApiTokenCodec(),
          new GitHubTokenRequestCodec(),
          new GitHubTokenCodec(),
          new RevocationRequestCodec(),
          RevocationCodec.INSTANCE,
          new RevocationStatusRequestCodec(),
          new RevocationStatusCodec(),
          new VaultErrorCodec());

  private WireJson() {}

  /**
   * Serializes a wire record to UTF-8 JSON.
   *
   * @throws IllegalArgumentException if {@code value} is null or not a wire record
   * @throws WireFormatException if a string cannot be encoded (an unpaired UTF-16 surrogate)
   */
  public static byte[] write(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("cannot write null as JSON; pass a wire record");
    }
    JsonObject json = writeObject(codecFor(value.getClass()), value);
    try {
      return JsonWriter.writeUtf8(json);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage());
    }
  }

  /**
   * Reads a wire record from UTF-8 JSON.
   *
   * @throws WireFormatException naming the field, line and column that were wrong, never the
   *     content
   * @throws IllegalArgumentException if {@code type} is not a wire record
   */
  public static <T> T read(byte[] json, Class<T> type) {
    WireCodec<T> codec = codecFor(type);
    String name = type.getSimpleName();
    if (json == null || json.length == 0) {
      throw new WireFormatException("empty body; expected a JSON " + name);
    }
    JsonValue root;
    try {
      root = JsonReader.parse(json);
    } catch (JsonReadException e) {
      throw new WireFormatException("malformed JSON for " + name + ": " + e.getMessage());
    }
    if (root == JsonNull.INSTANCE) {
      throw new WireFormatException("JSON null; expected a JSON " + name);
    }
    if (!(root instanceof JsonObject)) {
      throw new WireFormatException(
          "expected a JSON object for " + name + ", found " + root.kind());
    }
    WireFields fields = new WireFields(name, (JsonObject) root, codec.fields());
    try {
      return codec.read(fields);
    } catch (IllegalArgumentException e) {
      // The record's own validation: its messages name fields, never values.
      throw new WireFormatException(e.getMessage());
    }
  }

  @SuppressWarnings("unchecked") // codecFor(value.getClass()) is a codec for value's own type
  private static <T> JsonObject writeObject(WireCodec<T> codec, Object value) {
    return codec.write((T) value);
  }

  @SuppressWarnings("unchecked") // each codec is registered under its own type
  private static <T> WireCodec<T> codecFor(Class<T> type) {
    for (WireCodec<?> codec : CODECS) {
      if (codec.type() == type) {
        return (WireCodec<T>) codec;
      }
    }
    throw new IllegalArgumentException(
        "WireJson cannot map "
            + type.getName()
            + "; it maps only the records of dev.tether.core.wire");
  }
}
