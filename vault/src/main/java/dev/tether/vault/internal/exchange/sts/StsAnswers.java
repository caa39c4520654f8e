package dev.tether.vault.internal.exchange.sts;

import dev.tether.core.wire.IsoInstant;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;

/**
 * Reads STS's XML answers: {@code <Action>Response/<Action>Result/Credentials} on success, {@code
 * ErrorResponse/Error} (Type, Code, Message) and {@code RequestId} on refusal, with {@link
 * StsXmlReader}, which reads only the part of XML these answers use: an answer that declares a DTD
 * or references an entity is refused outright, as STS answers never do either. Messages about a
 * malformed success answer never quote it, since it may hold credentials.
 */
final class StsAnswers {

  /** The largest answer read; STS's are about 2 KiB. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  /** The refusal of an answer over {@link #MAX_ANSWER_BYTES}, whichever transport read it. */
  static StsUnavailableException tooLarge(String sender) {
    return new StsUnavailableException(
        StsUnavailableException.Reason.MALFORMED_ANSWER,
        sender + " answered with more than " + MAX_ANSWER_BYTES
            + " bytes; STS answers are about 2 KiB",
        null);
  }

  private static final int MAX_TEXT = 512;

  private StsAnswers() {}

  /**
   * The credentials of a successful {@code action} answer.
   *
   * @throws StsUnavailableException (malformed answer) naming what was missing or wrong
   */
  static SessionCredentials credentials(String action, byte[] xml)
      throws StsUnavailableException {
    Map<String, String> fields;
    try {
      fields =
          StsXmlReader.read(
              xml,
              new String[] {action + "Response", action + "Result", "Credentials"},
              "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration");
    } catch (StsXmlReader.Malformed e) {
      throw malformed(action, "is not a well-formed " + action + "Response: " + e.getMessage());
    }
    String accessKeyId = fields.get("AccessKeyId");
    String secret = fields.get("SecretAccessKey");
    String token = fields.get("SessionToken");
    String expiration = fields.get("Expiration");
    if (fields.isEmpty()) {
      throw malformed(action, "has no " + action + "Result/Credentials");
    }
    for (String name : new String[] {"AccessKeyId", "SecretAccessKey", "SessionToken",
        "Expiration"}) {
      String value = fields.get(name);
      if (value == null || value.isBlank()) {
        throw malformed(action, "has Credentials without " + name);
      }
    }
    Instant expires;
    try {
      expires = IsoInstant.parse(expiration.trim());
    } catch (DateTimeException e) {
      throw malformed(action, "has a Credentials/Expiration that is not an ISO-8601 instant");
    }
    return new SessionCredentials(accessKeyId.trim(), secret.trim(), token.trim(), expires);
  }

  /**
   * The refusal an error answer carries. An answer that is no STS error document (a proxy's page,
   * say) becomes a refusal without a code that describes it by its size only.
   */
  static StsRefusedException refusal(int status, byte[] xml) {
    Map<String, String> error;
    Map<String, String> response;
    try {
      error = StsXmlReader.read(
          xml, new String[] {"ErrorResponse", "Error"}, "Type", "Code", "Message");
      response = StsXmlReader.read(xml, new String[] {"ErrorResponse"}, "RequestId");
    } catch (StsXmlReader.Malformed e) {
      return new StsRefusedException(
          status, null, "the answer (" + xml.length + " bytes) is not an STS error document", null);
    }
    String code = error.get("Code");
    if (code == null || code.isBlank()) {
      return new StsRefusedException(
          status, null, "the answer (" + xml.length + " bytes) is not an STS error document", null);
    }
    String message = error.get("Message");
    return new StsRefusedException(
        status,
        printable(code.trim()),
        message == null || message.isBlank() ? "(no message)" : printable(message.trim()),
        response.get("RequestId") == null ? null : printable(response.get("RequestId").trim()));
  }

  private static StsUnavailableException malformed(String action, String what) {
    return new StsUnavailableException(
        StsUnavailableException.Reason.MALFORMED_ANSWER,
        "STS's answer to " + action + " " + what,
        null);
  }

  // STS's code and message go into the Vault's answer: printable characters only, bounded.
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT));
    for (int i = 0; i < text.length() && i < MAX_TEXT; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return text.length() > MAX_TEXT ? out + "..." : out.toString();
  }
}
