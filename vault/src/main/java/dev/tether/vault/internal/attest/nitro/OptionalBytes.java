package dev.tether.vault.internal.attest.nitro;

import java.util.HexFormat;

/**
 * One of the optional byte fields of a Nitro document ({@code public_key}, {@code user_data},
 * {@code nonce}), remembering how a missing value was written. Real AWS-signed documents write it
 * three ways: the key left out, the key with CBOR null, the key with an empty byte string.
 */
final class OptionalBytes {

  /** How the field appeared in the document. */
  enum Form {
    ABSENT("absent"),
    NULL("null"),
    EMPTY("empty"),
    PRESENT("present");

    final String label;

    Form(String label) {
      this.label = label;
    }
  }

  private static final int SHOWN_BYTES = 32; // 64 hex characters

  private final Form form;
  private final byte[] value;

  private OptionalBytes(Form form, byte[] value) {
    this.form = form;
    this.value = value;
  }

  static final OptionalBytes ABSENT = new OptionalBytes(Form.ABSENT, null);
  static final OptionalBytes NULL = new OptionalBytes(Form.NULL, null);

  static OptionalBytes of(byte[] bytes) {
    return bytes.length == 0
        ? new OptionalBytes(Form.EMPTY, null)
        : new OptionalBytes(Form.PRESENT, bytes.clone());
  }

  Form form() {
    return form;
  }

  /**
   * The bytes, or {@code null} when the document binds nothing: absent, CBOR null and an empty byte
   * string all mean "no value" (see {@link NitroVerifier}).
   */
  byte[] valueOrNull() {
    return value == null ? null : value.clone();
  }

  /**
   * For operators: "absent", "null", "empty", or the hex (at most 64 characters, then "...") and
   * the length, e.g. {@code 6d79... (19 bytes)}.
   */
  String describe() {
    if (value == null) {
      return form.label;
    }
    HexFormat hex = HexFormat.of();
    String shown =
        value.length <= SHOWN_BYTES
            ? hex.formatHex(value)
            : hex.formatHex(value, 0, SHOWN_BYTES) + "...";
    return shown + " (" + value.length + (value.length == 1 ? " byte)" : " bytes)");
  }
}
