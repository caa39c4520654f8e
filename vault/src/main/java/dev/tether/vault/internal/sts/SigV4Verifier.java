package dev.tether.vault.internal.sts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies an AWS Signature Version 4 {@code Authorization} header the way AWS does: rebuild the
 * canonical request from what arrived, derive the signing key from the caller's secret, compare
 * signatures in constant time, and refuse a request dated more than the allowed skew from now.
 *
 * <p>Only the header form is accepted (no presigned query strings), which is what SDK clients of
 * the query API send.
 */
public final class SigV4Verifier {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final String service;
  private final Function<String, Optional<String>> secretByAccessKeyId;
  private final Clock clock;
  private final Duration maxSkew;
  private volatile DerivedKey lastKey;

  /**
   * @param service the signing name the credential scope must carry, e.g. {@code sts}
   * @param secretByAccessKeyId the secret access key of each known access key id
   */
  public SigV4Verifier(
      String service,
      Function<String, Optional<String>> secretByAccessKeyId,
      Clock clock,
      Duration maxSkew) {
    this.service = service;
    this.secretByAccessKeyId = secretByAccessKeyId;
    this.clock = clock;
    this.maxSkew = maxSkew;
  }

  /**
   * Returns the access key id that signed {@code request}.
   *
   * @throws StsFault naming what was missing or wrong
   */
  public String verify(SignedRequest request) throws StsFault {
    String authorization = request.header("authorization");
    if (authorization == null || authorization.isBlank()) {
      throw new StsFault(
          403,
          "MissingAuthenticationToken",
          "Request is missing Authentication Token: sign it with AWS Signature Version 4");
    }
    Authorization auth = Authorization.parse(authorization);
    String amzDate = request.header("x-amz-date");
    if (amzDate == null) {
      throw StsFault.incompleteSignature(
          "Authorization header requires existence of the 'X-Amz-Date' header");
    }
    Instant signedAt = parseAmzDate(amzDate.trim());
    checkScope(auth, amzDate.trim());
    if (!auth.signedHeaders().contains("host")) {
      throw StsFault.signatureMismatch("'Host' must be a 'SignedHeader' in the AWS Authorization");
    }
    checkSkew(signedAt, amzDate.trim());
    String secret =
        secretByAccessKeyId
            .apply(auth.accessKeyId())
            .orElseThrow(
                () ->
                    new StsFault(
                        403,
                        "InvalidClientTokenId",
                        "The security token included in the request is invalid: access key id "
                            + auth.accessKeyId()
                            + " is not known to this STS"));
    checkPayloadHash(request);
    String expected = signature(request, auth, amzDate.trim(), secret);
    boolean matches =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            auth.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    if (!matches) {
      throw StsFault.signatureMismatch(
          "The request signature we calculated does not match the signature you provided."
              + " Check your AWS Secret Access Key and signing method.");
    }
    return auth.accessKeyId();
  }

  private String signature(
      SignedRequest request, Authorization auth, String amzDate, String secret) {
    String canonicalRequest = canonicalRequest(request, auth.signedHeaders());
    String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/aws4_request";
    String stringToSign =
        ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + HEX.formatHex(sha256(canonicalRequest));
    return HEX.formatHex(hmac(signingKey(secret, auth), stringToSign));
  }

  // A caller signs with one key a day per region and service: its derivation (four HMACs) is
  // kept for the next request.
  private byte[] signingKey(String secret, Authorization auth) {
    DerivedKey last = lastKey;
    if (last != null && last.secret().equals(secret) && last.date().equals(auth.date())
        && last.region().equals(auth.region()) && last.service().equals(auth.service())) {
      return last.key();
    }
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
    key = hmac(key, auth.region());
    key = hmac(key, auth.service());
    key = hmac(key, "aws4_request");
    lastKey = new DerivedKey(secret, auth.date(), auth.region(), auth.service(), key);
    return key;
  }

  private record DerivedKey(
      String secret, String date, String region, String service, byte[] key) {}

  static String canonicalRequest(SignedRequest request, List<String> signedHeaders) {
    StringBuilder canonical = new StringBuilder(512);
    canonical.append(request.method().toUpperCase(Locale.ROOT)).append('\n');
    canonical.append(Canonical.uri(request.rawPath())).append('\n');
    canonical.append(Canonical.query(request.rawQuery())).append('\n');
    for (String name : signedHeaders) {
      canonical.append(name).append(':').append(Canonical.headerValue(request.headers().get(name)));
      canonical.append('\n');
    }
    canonical.append('\n').append(String.join(";", signedHeaders)).append('\n');
    String contentSha256 = request.header("x-amz-content-sha256");
    canonical.append(
        contentSha256 != null ? contentSha256.trim() : HEX.formatHex(sha256(request.body())));
    return canonical.toString();
  }

  // The signature covers x-amz-content-sha256, not the body: the two must agree, or a body could
  // be swapped under a valid signature. STS requests are small, so the payload is always signed.
  private static void checkPayloadHash(SignedRequest request) throws StsFault {
    String declared = request.header("x-amz-content-sha256");
    if (declared == null) {
      return;
    }
    String actual = HEX.formatHex(sha256(request.body()));
    if (!actual.equalsIgnoreCase(declared.trim())) {
      throw StsFault.signatureMismatch(
          "The provided 'x-amz-content-sha256' header does not match the SHA-256 of the body;"
              + " the payload must be signed (no UNSIGNED-PAYLOAD or streaming)");
    }
  }

  private void checkScope(Authorization auth, String amzDate) throws StsFault {
    if (!auth.date().equals(amzDate.substring(0, 8))) {
      throw StsFault.signatureMismatch(
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
              + " HTTP: '"
              + auth.date()
              + "' != '"
              + amzDate.substring(0, 8)
              + "'");
    }
    if (!service.equals(auth.service())) {
      throw StsFault.signatureMismatch(
          "Credential should be scoped to correct service: '" + service + "'");
    }
    if (!"aws4_request".equals(auth.terminator())) {
      throw StsFault.signatureMismatch(
          "Credential should be scoped with a valid terminator: 'aws4_request'");
    }
  }

  private void checkSkew(Instant signedAt, String amzDate) throws StsFault {
    Instant now = clock.instant();
    if (signedAt.isBefore(now.minus(maxSkew))) {
      throw StsFault.signatureMismatch(
          "Signature expired: "
              + amzDate
              + " is now earlier than "
              + AMZ_DATE.format(now.minus(maxSkew))
              + " ("
              + AMZ_DATE.format(now)
              + " - "
              + maxSkew.toMinutes()
              + " min.); check the caller's clock");
    }
    if (signedAt.isAfter(now.plus(maxSkew))) {
      throw StsFault.signatureMismatch(
          "Signature not yet current: "
              + amzDate
              + " is still later than "
              + AMZ_DATE.format(now.plus(maxSkew))
              + " ("
              + AMZ_DATE.format(now)
              + " + "
              + maxSkew.toMinutes()
              + " min.); check the caller's clock");
    }
  }

  // yyyyMMdd'T'HHmmss'Z', read by hand: the formatter's parse costs more than the rest of the
  // header checks.
  private static Instant parseAmzDate(String amzDate) throws StsFault {
    try {
      if (amzDate.length() != 16 || amzDate.charAt(8) != 'T' || amzDate.charAt(15) != 'Z') {
        throw new DateTimeException(amzDate);
      }
      return LocalDateTime.of(digits(amzDate, 0, 4), digits(amzDate, 4, 6),
          digits(amzDate, 6, 8), digits(amzDate, 9, 11), digits(amzDate, 11, 13),
          digits(amzDate, 13, 15)).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw StsFault.incompleteSignature(
          "X-Amz-Date must be in the ISO-8601 basic format yyyyMMdd'T'HHmmss'Z'");
    }
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new DateTimeException(text);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static byte[] sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] sha256(byte[] bytes) {
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
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static boolean isHex64(String text) {
    if (text.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      if (!HexFormat.isHexDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., ...} header. */
  record Authorization(
      String accessKeyId,
      String date,
      String region,
      String service,
      String terminator,
      List<String> signedHeaders,
      String signature) {

    static Authorization parse(String header) throws StsFault {
      String value = header.trim();
      if (!value.startsWith(ALGORITHM + " ")) {
        throw StsFault.incompleteSignature(
            "Authorization header must use the AWS4-HMAC-SHA256 algorithm"
                + " (AWS Signature Version 4)");
      }
      String credential = null;
      String signedHeaders = null;
      String signature = null;
      for (String part : value.substring(ALGORITHM.length()).split(",")) {
        String item = part.trim();
        if (item.startsWith("Credential=")) {
          credential = item.substring("Credential=".length());
        } else if (item.startsWith("SignedHeaders=")) {
          signedHeaders = item.substring("SignedHeaders=".length());
        } else if (item.startsWith("Signature=")) {
          signature = item.substring("Signature=".length());
        }
      }
      List<String> missing = new ArrayList<>();
      if (credential == null) {
        missing.add("Credential");
      }
      if (signedHeaders == null) {
        missing.add("SignedHeaders");
      }
      if (signature == null) {
        missing.add("Signature");
      }
      if (!missing.isEmpty()) {
        throw StsFault.incompleteSignature(
            "Authorization header requires " + String.join(", ", missing) + " parameter(s)");
      }
      String[] scope = credential.split("/", -1);
      if (scope.length != 5 || scope[0].isEmpty() || scope[1].length() != 8) {
        throw StsFault.incompleteSignature(
            "Credential must have the form"
                + " <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request");
      }
      if (!isHex64(signature)) {
        throw StsFault.incompleteSignature("Signature must be 64 hexadecimal characters");
      }
      List<String> headers = List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";"));
      return new Authorization(
          scope[0], scope[1], scope[2], scope[3], scope[4], headers, signature);
    }
  }
}
