package dev.tether.vault.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies, never more than a limit. */
public final class Bodies {

  /** The most any Vault endpoint reads: 64 KiB. */
  public static final int LIMIT = 64 * 1024;

  private Bodies() {}

  public static byte[] read(HttpExchange exchange) throws IOException, BodyTooLargeException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > LIMIT) {
          throw new BodyTooLargeException(LIMIT);
        }
      } catch (NumberFormatException e) {
        // The server already refuses malformed lengths; read and count instead.
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (body.size() + n > LIMIT) {
          throw new BodyTooLargeException(LIMIT);
        }
        body.write(buffer, 0, n);
      }
    }
    return body.toByteArray();
  }
}
