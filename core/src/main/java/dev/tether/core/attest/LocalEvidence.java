package dev.tether.core.attest;

import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReadException;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonValue;
import dev.tether.core.json.JsonWriter;
import dev.tether.core.pop.Ed25519Keys;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The local attestor's evidence: {@code tla1.<statement>.<signature>}, the statement compact JSON
 * and both parts base64url, the signature Ed25519 by the launcher key over {@code
 * tla1.<statement>}. It proves only that a holder of a launcher key the Vault trusts vouched for
 * the statement; see docs/attestation-local.md for what that is worth.
 */
public final class LocalEvidence {

  static final String PREFIX = "tla1.";
  /** Far more than any valid statement needs; refused before decoding. */
  static final int MAX_LENGTH = 2048;

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final List<String> FIELDS = List.of("nonce", "jkt", "lch", "wl", "iat");

  private LocalEvidence() {}

  /** Signs {@code statement} with {@code key}, which must be the launcher it names. */
  public static String issue(LocalStatement statement, LauncherKey key) {
    if (!statement.launcher().equals(key.id())) {
      throw new IllegalArgumentException("the statement names launcher " + statement.launcher()
          + " but is signed with " + key.id());
    }
    JsonObject json = JsonObject.builder()
        .put("nonce", statement.nonce())
        .put("jkt", statement.keyThumbprint())
        .put("lch", statement.launcher())
        .put("wl", statement.workload())
        .put("iat", JsonNumber.of(statement.issuedAt()))
        .build();
    String signingInput = PREFIX + B64.encodeToString(JsonWriter.writeUtf8(json));
    byte[] signature = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + B64.encodeToString(signature);
  }

  /**
   * Verifies evidence against the launcher keys the Vault trusts, by id.
   *
   * @throws LocalEvidenceException saying what is wrong; never any other exception
   */
  public static LocalStatement verify(String evidence, Map<String, PublicKey> trustedLaunchers)
      throws LocalEvidenceException {
    if (evidence == null || evidence.length() > MAX_LENGTH || !evidence.startsWith(PREFIX)) {
      throw malformed("local evidence must be " + PREFIX + "<statement>.<signature>, at most "
          + MAX_LENGTH + " characters; use the evidence the launcher's attestor returned");
    }
    int dot = evidence.indexOf('.', PREFIX.length());
    if (dot < 0 || evidence.indexOf('.', dot + 1) >= 0) {
      throw malformed("local evidence must have exactly two parts after " + PREFIX);
    }
    LocalStatement statement = statement(decode(evidence.substring(PREFIX.length(), dot)));
    PublicKey key = trustedLaunchers.get(statement.launcher());
    if (key == null) {
      throw new LocalEvidenceException(LocalEvidenceException.Reason.UNTRUSTED,
          "launcher " + statement.launcher() + " is not one the Vault trusts; register its public"
              + " key with the Vault's --local-attestor-key");
    }
    byte[] signature = decode(evidence.substring(dot + 1));
    if (!Ed25519Keys.verifies(key, evidence.substring(0, dot).getBytes(StandardCharsets.US_ASCII), signature)) {
      throw new LocalEvidenceException(LocalEvidenceException.Reason.BAD_SIGNATURE,
          "the local evidence's signature does not verify with launcher " + statement.launcher());
    }
    return statement;
  }

  private static LocalStatement statement(byte[] json) throws LocalEvidenceException {
    JsonValue value;
    try {
      value = JsonReader.parse(json, 2, MAX_LENGTH);
    } catch (JsonReadException e) {
      throw malformed("the local statement is not JSON: " + e.getMessage());
    }
    if (!(value instanceof JsonObject)) {
      throw malformed("the local statement must be a JSON object");
    }
    JsonObject object = (JsonObject) value;
    for (String name : object.members().keySet()) {
      if (!FIELDS.contains(name)) {
        throw malformed("the local statement has an unknown field; expected " + FIELDS);
      }
    }
    JsonValue iat = object.get("iat");
    if (!(iat instanceof JsonNumber) || !((JsonNumber) iat).isIntegral()
        || ((JsonNumber) iat).literal().length() > 12) {
      throw malformed("the local statement's iat must be an integer (epoch seconds)");
    }
    try {
      return new LocalStatement(text(object, "nonce"), text(object, "jkt"), text(object, "lch"),
          text(object, "wl"), Long.parseLong(((JsonNumber) iat).literal()));
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
  }

  private static String text(JsonObject object, String field) {
    JsonValue value = object.get(field);
    return value instanceof JsonString ? ((JsonString) value).value() : null;
  }

  // Canonical only: the JDK ignores the spare bits of the last character, so without this check
  // one piece of evidence would have several texts (found by LocalEvidenceFuzzTest).
  private static byte[] decode(String part) throws LocalEvidenceException {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw malformed("local evidence parts must be base64url");
    }
    if (!B64.encodeToString(bytes).equals(part)) {
      throw malformed("local evidence parts must be canonical base64url without padding");
    }
    return bytes;
  }

  private static LocalEvidenceException malformed(String message) {
    return new LocalEvidenceException(LocalEvidenceException.Reason.MALFORMED, message);
  }
}
