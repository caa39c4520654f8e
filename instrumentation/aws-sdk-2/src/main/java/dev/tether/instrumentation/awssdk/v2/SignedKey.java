package dev.tether.instrumentation.awssdk.v2;

import software.amazon.awssdk.http.SdkHttpRequest;

/** The access key id a signed request carries, from its Authorization header or presigned query. */
final class SignedKey {

  private static final String CREDENTIAL = "Credential=";

  private SignedKey() {}

  /** Returns {@code null} for an unsigned request. */
  static String of(SdkHttpRequest request) {
    String authorization = request.firstMatchingHeader("Authorization").orElse(null);
    if (authorization != null) {
      int start = authorization.indexOf(CREDENTIAL);
      if (start < 0) {
        return "<unparseable>";
      }
      start += CREDENTIAL.length();
      int end = authorization.indexOf('/', start);
      return end < 0 ? "<unparseable>" : authorization.substring(start, end);
    }
    return request
        .firstMatchingRawQueryParameter("X-Amz-Credential")
        .map(value -> value.contains("/") ? value.substring(0, value.indexOf('/')) : value)
        .orElse(null);
  }
}
