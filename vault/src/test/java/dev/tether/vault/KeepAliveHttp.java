package dev.tether.vault;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection, written by hand: a load of 100,000 small requests spends its
 * time in the Vault, not in a general-purpose client. One per thread.
 */
final class KeepAliveHttp implements AutoCloseable {

  /** Status and body of one answer. */
  record Answer(int status, String body) {}

  private final URI base;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  KeepAliveHttp(URI base) {
    this.base = base;
  }

  /** POSTs a form; reconnects once if the server closed the kept-alive connection. */
  Answer postForm(String path, String bearer, String form) {
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("POST " + path + " HTTP/1.1\r\n"
        + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
        + "Authorization: Bearer " + bearer + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    for (int attempt = 0; ; attempt++) {
      try {
        connect();
        out.write(head);
        out.write(body);
        out.flush();
        return read();
      } catch (IOException e) {
        close();
        if (attempt > 0) {
          throw new UncheckedIOException("no answer from " + base + path, e);
        }
      }
    }
  }

  private void connect() throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream());
    }
  }

  private Answer read() throws IOException {
    String status = line();
    if (!status.startsWith("HTTP/1.1 ")) {
      throw new IOException("not an HTTP/1.1 answer: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    boolean close = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(header.substring(15).trim());
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    if (length < 0) {
      throw new IOException("an answer without Content-Length");
    }
    byte[] body = in.readNBytes(length);
    if (close) {
      close();
    }
    return new Answer(code, new String(body, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
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
