package dev.tether.vault.internal.http;

import com.sun.net.httpserver.Headers;
import dev.tether.core.json.SafeName;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks every request passes before its endpoint runs, on what the HTTP layer gives: header
 * sizes, the query string, the media type of the body, a body where none belongs. The body itself
 * is read, bounded, by the endpoint ({@link Bodies}, {@link JsonRequests}, {@link FormRequests}).
 */
public final class RequestChecks {

  /**
   * The most header bytes (names, values and separators) a request may carry. A Vault request
   * needs a bearer token (43 characters), a {@code Tether-PoP} proof (at most 4 KiB) and a few
   * standard headers; 16 KiB leaves room for what proxies and tracing add. Above the JDK's own
   * limits (384 KiB, 200 headers) the JDK server closes the connection without an answer.
   */
  public static final int MAX_HEADER_BYTES = 16 * 1024;

  /** The most header lines a request may carry. */
  public static final int MAX_HEADERS = 64;

  private RequestChecks() {}

  /** Refuses headers too large or too many (431). */
  public static void checkHeaders(Map<String, List<String>> headers) throws RequestRejected {
    long bytes = 0;
    int lines = 0;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      for (String value : header.getValue()) {
        bytes += header.getKey().length() + 2 + (value == null ? 0 : value.length()) + 2;
        lines++;
      }
    }
    if (bytes > MAX_HEADER_BYTES || lines > MAX_HEADERS) {
      throw new RequestRejected(
          431,
          RequestRejected.HEADERS_TOO_LARGE,
          "the request carries "
              + lines
              + " header lines of "
              + bytes
              + " bytes; the Vault takes at most "
              + MAX_HEADERS
              + " lines and "
              + MAX_HEADER_BYTES
              + " bytes (a bearer token, a Tether-PoP proof of at most 4096 bytes and standard"
              + " headers): check what the client or a proxy adds");
    }
  }

  /**
   * Refuses a query string, a media type or a body the route does not take.
   *
   * @param route the method and path, for messages, e.g. {@code POST /v1/grants}
   * @param rawQuery the request URI's raw query, {@code null} when it has none
   */
  public static void check(String route, Accepts accepts, String rawQuery, Headers headers)
      throws RequestRejected {
    if (accepts == Accepts.ANYTHING) {
      return;
    }
    if (rawQuery != null && !rawQuery.isEmpty()) {
      throw RequestRejected.invalid(
          route
              + " takes no query string (the request has "
              + rawQuery.length()
              + " characters after '?'); "
              + (accepts == Accepts.NOTHING
                  ? "send the request to the path alone"
                  : "send every parameter in the " + describe(accepts) + " body"));
    }
    if (accepts == Accepts.NOTHING) {
      if (hasBody(headers)) {
        throw RequestRejected.invalid(
            route + " takes no body; send the request without one (no Content-Length above 0,"
                + " no Transfer-Encoding)");
      }
      return;
    }
    checkEncoding(route, headers.get("Content-Encoding"));
    checkMediaType(route, accepts, headers.get("Content-Type"));
  }

  private static boolean hasBody(Headers headers) {
    String length = headers.getFirst("Content-Length");
    return headers.containsKey("Transfer-Encoding")
        || (length != null && !length.trim().equals("0"));
  }

  private static void checkEncoding(String route, List<String> encodings) throws RequestRejected {
    if (encodings == null) {
      return;
    }
    for (String encoding : encodings) {
      if (!encoding.trim().equalsIgnoreCase("identity")) {
        throw new RequestRejected(
            415,
            RequestRejected.UNSUPPORTED_MEDIA_TYPE,
            "Content-Encoding '"
                + SafeName.of(encoding.trim())
                + "' is not accepted by "
                + route
                + "; send the body uncompressed, without Content-Encoding");
      }
    }
  }

  // An absent Content-Type is taken as the route's own: the agent's and the SDKs' clients send it,
  // and a body that is not of that type is refused by its decoder anyway.
  private static void checkMediaType(String route, Accepts accepts, List<String> contentTypes)
      throws RequestRejected {
    if (contentTypes == null || contentTypes.isEmpty()) {
      return;
    }
    String expected = accepts.mediaType();
    String what = "send the body as " + describe(accepts) + " with Content-Type: " + expected;
    if (contentTypes.size() > 1) {
      throw new RequestRejected(
          415,
          RequestRejected.UNSUPPORTED_MEDIA_TYPE,
          "the request has " + contentTypes.size() + " Content-Type headers; " + what);
    }
    String[] parts = contentTypes.get(0).split(";", -1);
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!type.equals(expected)) {
      throw new RequestRejected(
          415,
          RequestRejected.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type '"
              + SafeName.of(type.isEmpty() ? "(empty)" : type)
              + "' is not accepted by "
              + route
              + "; "
              + what);
    }
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      String name = (eq < 0 ? parts[i] : parts[i].substring(0, eq)).trim();
      if (eq >= 0 && name.equalsIgnoreCase("charset")) {
        String charset = parts[i].substring(eq + 1).trim();
        if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
          charset = charset.substring(1, charset.length() - 1);
        }
        if (!charset.equalsIgnoreCase("utf-8")) {
          throw new RequestRejected(
              415,
              RequestRejected.UNSUPPORTED_MEDIA_TYPE,
              "charset '"
                  + SafeName.of(charset)
                  + "' is not accepted by "
                  + route
                  + "; send the body in UTF-8 (charset=utf-8, or no charset)");
        }
      }
    }
  }

  private static String describe(Accepts accepts) {
    return accepts == Accepts.FORM ? "form-encoded" : "JSON";
  }
}
