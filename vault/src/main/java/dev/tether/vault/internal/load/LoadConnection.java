package dev.tether.vault.internal.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection to the Vault, written for a load client: it sends bytes
 * prepared beforehand and reads the answer's status, headers and body, so that the client's work
 * per request stays small beside the Vault's. One per client thread.
 */
final class LoadConnection implements AutoCloseable {

  /** An answer: its status and body. */
  record Answer(int status, byte[] body) {}

  private static final int MAX_HEADER_LINE = 8192;
  private static final int MAX_BODY = 1 << 20;

  private final InetSocketAddress address;
  private final byte[] line = new byte[MAX_HEADER_LINE];
  private Socket socket;
  private OutputStream out;
  private InputStream in;
  private int connects;

  LoadConnection(InetSocketAddress address) {
    this.address = address;
  }

  /**
   * Sends one request (head, then body, in one write) and reads its answer. A connection the
   * Vault closed while it was idle is opened again, once.
   */
  Answer exchange(byte[] head, byte[] body) throws IOException {
    boolean fresh = socket == null;
    try {
      return send(head, body);
    } catch (IOException e) {
      close();
      if (fresh) {
        throw e;
      }
      return send(head, body); // the server closed the kept-alive connection: once more
    }
  }

  /** How many times this connection was opened (1 when it was kept alive throughout). */
  int connects() {
    return connects;
  }

  private Answer send(byte[] head, byte[] body) throws IOException {
    if (socket == null) {
      Socket opened = new Socket();
      opened.setTcpNoDelay(true);
      opened.setSoTimeout(60_000);
      opened.connect(address, 10_000);
      socket = opened;
      out = new BufferedOutputStream(opened.getOutputStream(), 16 * 1024);
      in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
      connects++;
    }
    out.write(head);
    out.write(body);
    out.flush();
    return read();
  }

  private Answer read() throws IOException {
    int length = readLine();
    if (length < 12 || line[0] != 'H' || line[8] != ' ') {
      throw new IOException("not an HTTP/1.1 status line");
    }
    int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    int contentLength = -1;
    boolean close = false;
    for (length = readLine(); length > 0; length = readLine()) {
      if (startsWith("content-length:", length)) {
        contentLength = Integer.parseInt(
            new String(line, 15, length - 15, StandardCharsets.US_ASCII).trim());
      } else if (startsWith("connection:", length)
          && new String(line, 11, length - 11, StandardCharsets.US_ASCII)
              .toLowerCase(Locale.ROOT).contains("close")) {
        close = true;
      }
    }
    if (contentLength < 0 || contentLength > MAX_BODY) {
      throw new IOException("an answer without a usable Content-Length");
    }
    byte[] body = in.readNBytes(contentLength);
    if (body.length != contentLength) {
      throw new IOException("the connection closed within an answer");
    }
    if (close) {
      close();
    }
    return new Answer(status, body);
  }

  // A header line without its CRLF; its length.
  private int readLine() throws IOException {
    int length = 0;
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b != '\r') {
        if (length == line.length) {
          throw new IOException("a header line over " + MAX_HEADER_LINE + " bytes");
        }
        line[length++] = (byte) b;
      }
    }
    return length;
  }

  private boolean startsWith(String lowerCaseName, int length) {
    if (length < lowerCaseName.length()) {
      return false;
    }
    for (int i = 0; i < lowerCaseName.length(); i++) {
      if (Character.toLowerCase(line[i]) != lowerCaseName.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
