package dev.tether.vault.internal.http;

/**
 * What a route takes besides its method and path. The {@link Router} refuses anything else (a
 * query string, another media type, a body on a GET) before the endpoint runs, so that no
 * endpoint sees, let alone stores, a request of the wrong shape.
 */
public enum Accepts {
  /** No body and no query string: the GET endpoints. */
  NOTHING(null),
  /** A JSON body ({@code Content-Type: application/json}, UTF-8) and no query string. */
  JSON("application/json"),
  /** A form body ({@code application/x-www-form-urlencoded}, UTF-8) and no query string. */
  FORM("application/x-www-form-urlencoded"),
  /**
   * Whatever the endpoint checks itself: the local STS, whose SigV4 signature covers the query
   * string, the headers and the body.
   */
  ANYTHING(null);

  private final String mediaType;

  Accepts(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type of the body, or {@code null} when the route takes no body of its own kind. */
  public String mediaType() {
    return mediaType;
  }
}
