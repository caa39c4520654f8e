package dev.tether.vault.internal.attest.ec2iid;

import java.util.Base64;

/**
 * Turns the text IMDS returns for {@code /instance-identity/rsa2048} or {@code /pkcs7} (base64,
 * wrapped, no PEM lines) into the PKCS#7 bytes. Also accepts the PEM form AWS's own docs build with
 * {@code echo "-----BEGIN PKCS7-----"}.
 */
final class Pkcs7Text {

  /** Real documents are about 1.5 KB of text; anything far larger is not an IID. */
  static final int MAX_TEXT_BYTES = 16 * 1024;

  private static final String BEGIN = "-----BEGIN PKCS7-----";
  private static final String END = "-----END PKCS7-----";

  /** Why the text was refused; the message names what was expected. */
  static final class BadText extends Exception {
    private static final long serialVersionUID = 1L;

    BadText(String message) {
      super(message, null, false, false);
    }
  }

  private Pkcs7Text() {}

  static byte[] decode(byte[] evidence) throws BadText {
    if (evidence == null || evidence.length == 0) {
      throw new BadText("the evidence is empty; send the text of IMDS /instance-identity/rsa2048");
    }
    if (evidence.length > MAX_TEXT_BYTES) {
      throw new BadText(
          "the evidence is "
              + evidence.length
              + " bytes; an instance identity PKCS#7 is about 1.5 KB of base64 (limit "
              + MAX_TEXT_BYTES
              + ")");
    }
    StringBuilder text = new StringBuilder(evidence.length);
    for (byte b : evidence) {
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' || b >= 0x7f || b < 0) {
        throw new BadText("the evidence is not base64 text (it holds a byte that is not ASCII)");
      }
      text.append((char) b);
    }
    String body = text.toString().strip();
    if (body.startsWith(BEGIN)) {
      if (!body.endsWith(END) || body.length() < BEGIN.length() + END.length()) {
        throw new BadText("the evidence starts with " + BEGIN + " but does not end with " + END);
      }
      body = body.substring(BEGIN.length(), body.length() - END.length());
    }
    StringBuilder base64 = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        continue;
      }
      boolean alphabet =
          c >= 'A' && c <= 'Z'
              || c >= 'a' && c <= 'z'
              || c >= '0' && c <= '9'
              || c == '+'
              || c == '/'
              || c == '=';
      if (!alphabet) {
        throw new BadText(
            "the evidence is not base64 (character '"
                + c
                + "' at offset "
                + i
                + "); send the PKCS#7 text, with or without the PKCS7 PEM lines");
      }
      base64.append(c);
    }
    if (base64.length() == 0) {
      throw new BadText("the evidence holds no base64 text");
    }
    try {
      return Base64.getDecoder().decode(base64.toString());
    } catch (IllegalArgumentException e) {
      throw new BadText("the evidence is not valid base64 (" + e.getMessage() + ")");
    }
  }
}
