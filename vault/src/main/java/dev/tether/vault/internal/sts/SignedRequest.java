package dev.tether.vault.internal.sts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of an HTTP request that SigV4 covers, as they arrived on the wire.
 *
 * @param rawPath the request path, still percent-encoded as sent
 * @param rawQuery the query string, still percent-encoded, or {@code null}
 * @param headers header values by lower-case name
 */
public record SignedRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body) {

  public SignedRequest {
    headers = lowerCaseNames(headers);
    body = body == null ? new byte[0] : body;
  }

  /** The header's values joined by commas, or {@code null} when absent. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : String.join(",", values);
  }

  private static Map<String, List<String>> lowerCaseNames(Map<String, List<String>> headers) {
    Map<String, List<String>> lower = new TreeMap<>();
    headers.forEach(
        (name, values) ->
            lower
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
    lower.replaceAll((name, values) -> List.copyOf(values));
    return Map.copyOf(lower);
  }
}
