package dev.tether.vault.internal.state;

import dev.tether.vault.StoreLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for tests: started on a free loopback port with nothing persisted
 * ({@code --save '' --appendonly no}), stopped (and started again on the same port) at will, and
 * killed at close. Without {@code /usr/bin/redis-server} the test fails, saying how to install it.
 */
public final class RedisServer implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/redis-server");

  private final int port;
  private final Path dir;
  private Process process;

  private RedisServer(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  /** A fresh server on a free port. */
  public static RedisServer start(String... extraArgs) {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(BINARY + " is missing: these tests need a real Redis. Install it"
          + " with `apt-get install -y redis-server` (.ci/run does), then run them again");
    }
    try {
      RedisServer server =
          new RedisServer(freePort(), Files.createTempDirectory("tether-redis-test"));
      server.launch(extraArgs);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public StoreLocation location() {
    return StoreLocation.redis("127.0.0.1", port, 0);
  }

  /** Stops the server (its data goes with it); the port stays this server's to start again. */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  /** Starts it again on the same port, empty. */
  public void restart(String... extraArgs) {
    stop();
    launch(extraArgs);
  }

  @Override
  public void close() {
    stop();
  }

  private void launch(String... extraArgs) {
    List<String> command = new java.util.ArrayList<>(List.of(BINARY.toString(),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", dir.toString(), "--loglevel", "warning"));
    command.addAll(List.of(extraArgs));
    try {
      process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.log").toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + BINARY, e);
    }
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    awaitPong();
  }

  // Ready when it answers PING over plain RESP; the log says why when it never does.
  private void awaitPong() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("redis-server exited at start: " + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        socket.setSoTimeout(1000);
        OutputStream out = socket.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] reply = new byte[7];
        int read = in.readNBytes(reply, 0, 7);
        String answer = new String(reply, 0, read, StandardCharsets.US_ASCII);
        if (answer.startsWith("+PONG") || answer.startsWith("-NOAUTH")) { // up (with a password)
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for redis-server", e);
      }
    }
    throw new AssertionError("redis-server did not answer PING on port " + port + ": " + log());
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("redis.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
