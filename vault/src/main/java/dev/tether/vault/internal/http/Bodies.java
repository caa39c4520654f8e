package dev.tether.vault.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies, never more than a limit: a declared {@code Content-Length} over it is
 * refused before reading, and a chunked body as soon as the bytes read pass it.
 */
public final class Bodies {

  /** The most any Vault endpoint reads: 64 KiB. */
  public static final int LIMIT = 64 * 1024;

  /**
   * The most of a refused body the Vault reads, and drops, before it answers. The JDK server
   * closes a connection whose request body is unread; with request bytes still arriving, the
   * close resets the connection and the client loses the answer. Reading on, without keeping
   * anything, lets a client that sent a body somewhat too large (or to the wrong place) read
   * why; a body declared larger still is not read at all, and the connection is closed.
   */
  static final int DISCARD_LIMIT = 1024 * 1024;

  // The exchange whose body this thread read to its end. Not an exchange attribute: the JDK
  // keeps those per context, shared by every exchange.
  private static final ThreadLocal<HttpExchange> READ_TO_END = new ThreadLocal<>();

  private Bodies() {}

  public static byte[] read(HttpExchange exchange) throws IOException, BodyTooLargeException {
    long declared = declaredLength(exchange);
    if (declared > LIMIT) {
      throw new BodyTooLargeException(LIMIT);
    }
    InputStream in = exchange.getRequestBody();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (declared >= 0 && !exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
      // The usual case, a declared length within the limit: read into one array of that size
      // (the JDK's stream ends there), not through a buffer and a growing copy.
      byte[] whole = in.readNBytes((int) declared);
      int next = in.read();
      if (next < 0) {
        in.close();
        READ_TO_END.set(exchange);
        return whole;
      }
      body.write(whole); // more than declared: read on as a body of unknown length
      body.write(next);
      if (body.size() > LIMIT) {
        throw new BodyTooLargeException(LIMIT);
      }
    }
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (body.size() + n > LIMIT) {
        // Left open: closing would drop the rest, which the answer's sending discards.
        throw new BodyTooLargeException(LIMIT);
      }
      body.write(buffer, 0, n);
    }
    in.close();
    READ_TO_END.set(exchange);
    return body.toByteArray();
  }

  /** As {@link #read}, refusing a body over the limit with 413 {@code payload_too_large}. */
  public static byte[] readOrReject(HttpExchange exchange) throws IOException, RequestRejected {
    try {
      return read(exchange);
    } catch (BodyTooLargeException e) {
      throw tooLarge();
    }
  }

  static RequestRejected tooLarge() {
    return new RequestRejected(
        413, RequestRejected.PAYLOAD_TOO_LARGE, new BodyTooLargeException(LIMIT).getMessage());
  }

  /**
   * Before an answer: when the request has a body no endpoint read to its end (refused before
   * reading it, or while reading it), reads and drops what is left of it, up to {@link
   * #DISCARD_LIMIT} bytes.
   *
   * @return whether a body is still unread, so the connection cannot carry another request
   */
  static boolean discardUnread(HttpExchange exchange) {
    if (READ_TO_END.get() == exchange) {
      return false;
    }
    long declared = declaredLength(exchange);
    boolean chunked = exchange.getRequestHeaders().containsKey("Transfer-Encoding");
    if (!chunked && declared <= 0) {
      return false;
    }
    if (declared > DISCARD_LIMIT) {
      return true;
    }
    InputStream in = exchange.getRequestBody();
    byte[] buffer = new byte[8192];
    long dropped = 0;
    int n = 0;
    try {
      while (dropped <= DISCARD_LIMIT && (n = in.read(buffer)) >= 0) {
        dropped += n;
      }
    } catch (IOException gone) { // the client stopped sending: the answer may still reach it
      return true;
    }
    if (n < 0) {
      READ_TO_END.set(exchange);
      return false;
    }
    return true;
  }

  /** Forgets the exchange this thread handled, once it is answered. */
  static void forget() {
    READ_TO_END.remove();
  }

  /** The declared {@code Content-Length}, or -1 when there is none (or it is not a number). */
  private static long declaredLength(HttpExchange exchange) {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared == null) {
      return -1;
    }
    try {
      return Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return -1; // the JDK server refuses malformed lengths before any handler runs
    }
  }
}
