package dev.tether.agent.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An external API that tools reach over HTTP: requests to its host made inside a tool call carry
 * a token the Vault issued for that call, in {@code header}, replacing whatever value the
 * application set there; any {@code Authorization} the application set is taken off as well, and
 * so is each header named in {@code removes}.
 *
 * @param host the API's host name, lower case, with {@code :port} when only that port is the API;
 *     also the audience its tokens name
 * @param token {@link #SINGLE_USE} (a Vault round trip per request), {@link #TIME_BOXED} (one per
 *     tool call, reused until it expires) or {@link #GITHUB} (a GitHub App installation token for
 *     the turn's repositories and the tool's permissions, one per tool call)
 * @param header the request header the token goes in, e.g. {@code Authorization}
 * @param scheme written before the token and a space, e.g. {@code Bearer}; empty for none
 * @param removes more headers that carry the application's credentials to this API (an API that
 *     also takes {@code Private-Token}, say), taken off every request a tool makes to it
 * @param line the line of the entry in the file (1-based; 0 when built in code)
 */
public record ApiConfig(
    String host, String token, String header, String scheme, List<String> removes, int line) {

  public static final String SINGLE_USE = "single-use";
  public static final String TIME_BOXED = "time-boxed";
  public static final String GITHUB = "github";
  public static final List<String> TOKENS = List.of(SINGLE_USE, TIME_BOXED, GITHUB);
  public static final String DEFAULT_HEADER = "Authorization";
  public static final String DEFAULT_SCHEME = "Bearer";

  public ApiConfig {
    if (host == null || !TOKENS.contains(token)) {
      throw new IllegalArgumentException("an API needs a host and a token mode " + TOKENS);
    }
    host = host.toLowerCase(Locale.ROOT);
    header = header == null ? DEFAULT_HEADER : header;
    scheme = scheme == null ? DEFAULT_SCHEME : scheme;
    removes = removes == null ? List.of() : List.copyOf(removes);
  }

  public ApiConfig(String host, String token, String header, String scheme, int line) {
    this(host, token, header, scheme, List.of(), line);
  }

  /**
   * The headers taken off a request to this API besides the one its token replaces: {@code
   * Authorization}, where the application keeps its credentials whatever header the API's tokens
   * go in, and those the entry names. Each name once, in any letter case; never {@link #header}.
   */
  public List<String> removedHeaders() {
    List<String> asked = new ArrayList<>(List.of(DEFAULT_HEADER));
    asked.addAll(removes);
    List<String> removed = new ArrayList<>();
    for (String name : asked) {
      if (!name.equalsIgnoreCase(header)
          && removed.stream().noneMatch(name::equalsIgnoreCase)) {
        removed.add(name);
      }
    }
    return removed;
  }

  /** The host without the port the entry may name. */
  public String hostName() {
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  /** The port the entry names, or -1 when any port of the host is the API. */
  public int port() {
    int colon = host.indexOf(':');
    return colon < 0 ? -1 : Integer.parseInt(host.substring(colon + 1));
  }

  /** The header's value for {@code token}. */
  public String headerValue(String token) {
    return scheme.isEmpty() ? token : scheme + " " + token;
  }
}
