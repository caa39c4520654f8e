package dev.tether.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host no tool may call: a loopback socket that counts the connections it accepts (and closes
 * them), so a test can say the refused request never reached the network.
 */
final class ConnectionCounter implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicInteger accepted = new AtomicInteger();

  ConnectionCounter() throws IOException {
    socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::accept, "connection-counter");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The counter's URL under a name that is not in any tool's egress list. */
  URI url() {
    return URI.create("http://localhost:" + socket.getLocalPort() + "/outside");
  }

  int accepted() {
    return accepted.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        accepted.incrementAndGet();
      } catch (IOException closed) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
