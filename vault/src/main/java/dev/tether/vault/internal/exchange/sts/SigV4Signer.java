package dev.tether.vault.internal.exchange.sts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 in the header form, for one request without a query string: the
 * canonical request over the given headers (plus {@code x-amz-date} and, for temporary
 * credentials, {@code x-amz-security-token}) and the SHA-256 of the body, signed with a key
 * derived from the secret for the day, region and service.
 *
 * <p>The derived key changes once a day per secret; the last one is kept, so a call costs two
 * SHA-256 and one HMAC rather than five HMACs.
 */
final class SigV4Signer {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final String region;
  private final String service;
  private volatile DerivedKey lastKey;

  SigV4Signer(String region, String service) {
    this.region = region;
    this.service = service;
  }

  String region() {
    return region;
  }

  /**
   * Signs a request.
   *
   * @param method e.g. {@code POST}
   * @param rawPath the request path as sent (percent-encoded once), e.g. {@code /}
   * @param headers the headers to sign, by name as sent, each with one value; must hold {@code
   *     Host} exactly as the request carries it
   * @param body the request body as sent
   * @param credentials the key to sign with
   * @param time the signing time ({@code X-Amz-Date})
   * @param contentSha256 whether to add (and sign) {@code x-amz-content-sha256}, the body's
   *     SHA-256, as the AWS SDK does for every service
   * @return the headers to add to the request
   */
  SignedHeaders sign(
      String method,
      String rawPath,
      Map<String, String> headers,
      byte[] body,
      SigningCredentials credentials,
      Instant time,
      boolean contentSha256) {
    String amzDate = AMZ_DATE.format(time);
    String date = amzDate.substring(0, 8);
    TreeMap<String, String> canonical = new TreeMap<>();
    headers.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT), value));
    if (!canonical.containsKey("host")) {
      throw new IllegalArgumentException("SigV4 needs the Host header among the signed headers");
    }
    String payloadHash = hex(sha256(body));
    if (contentSha256) {
      canonical.put("x-amz-content-sha256", payloadHash);
    }
    canonical.put("x-amz-date", amzDate);
    if (credentials.sessionToken() != null) {
      canonical.put("x-amz-security-token", credentials.sessionToken());
    }
    String signedHeaders = String.join(";", canonical.keySet());
    String request = canonicalRequest(method, rawPath, canonical, signedHeaders, payloadHash);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String stringToSign =
        ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(utf8(request)));
    String signature = hex(hmac(signingKey(credentials.secretAccessKey(), date), stringToSign));
    String authorization =
        ALGORITHM
            + " Credential="
            + credentials.accessKeyId()
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature;
    return new SignedHeaders(
        amzDate, contentSha256 ? payloadHash : null, credentials.sessionToken(), authorization);
  }

  static String canonicalRequest(
      String method,
      String rawPath,
      TreeMap<String, String> headers,
      String signedHeaders,
      String payloadHash) {
    StringBuilder out = new StringBuilder(512);
    out.append(method.toUpperCase(Locale.ROOT)).append('\n');
    out.append(canonicalUri(rawPath)).append('\n');
    out.append('\n'); // no query string
    headers.forEach(
        (name, value) -> out.append(name).append(':').append(headerValue(value)).append('\n'));
    out.append('\n').append(signedHeaders).append('\n');
    out.append(payloadHash);
    return out.toString();
  }

  /**
   * The path as sent, each segment percent-encoded once more: every service but S3 signs this
   * double encoding. STS paths ({@code /}, or an endpoint's own path) rarely need it.
   */
  static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    StringBuilder out = new StringBuilder(rawPath.length() + 8);
    int start = 0;
    while (true) {
      int slash = rawPath.indexOf('/', start);
      int end = slash < 0 ? rawPath.length() : slash;
      uriEncode(rawPath.substring(start, end), out);
      if (slash < 0) {
        return out.toString();
      }
      out.append('/');
      start = slash + 1;
    }
  }

  // RFC 3986: every byte of the UTF-8 form but the unreserved A-Z a-z 0-9 - _ . ~ as %XX.
  private static void uriEncode(String text, StringBuilder out) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xf]);
      }
    }
  }

  private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

  // Trimmed, with runs of spaces folded to one, as SigV4 canonicalises header values.
  private static String headerValue(String value) {
    String trimmed = value.trim();
    if (trimmed.indexOf("  ") < 0 && trimmed.indexOf('\t') < 0) {
      return trimmed;
    }
    return trimmed.replaceAll("\\s+", " ");
  }

  private byte[] signingKey(String secret, String date) {
    DerivedKey key = lastKey;
    if (key != null && key.date.equals(date) && key.secret.equals(secret)) {
      return key.key;
    }
    byte[] derived = hmac(utf8("AWS4" + secret), date);
    derived = hmac(derived, region);
    derived = hmac(derived, service);
    derived = hmac(derived, "aws4_request");
    lastKey = new DerivedKey(secret, date, derived);
    return derived;
  }

  private static final class DerivedKey {
    final String secret;
    final String date;
    final byte[] key;

    DerivedKey(String secret, String date, byte[] key) {
      this.secret = secret;
      this.date = date;
      this.key = key;
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(utf8(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /**
   * What signing adds to a request: {@code X-Amz-Date}, {@code X-Amz-Content-Sha256} (when asked
   * for), {@code X-Amz-Security-Token} (temporary credentials only) and {@code Authorization}.
   * {@link #toString()} hides the token.
   */
  record SignedHeaders(
      String amzDate, String contentSha256, String securityToken, String authorization) {
    @Override
    public String toString() {
      return "SignedHeaders[amzDate="
          + amzDate
          + ", contentSha256="
          + contentSha256
          + ", securityToken="
          + (securityToken == null ? "none" : "<redacted>")
          + ", authorization="
          + authorization
          + "]";
    }
  }
}
