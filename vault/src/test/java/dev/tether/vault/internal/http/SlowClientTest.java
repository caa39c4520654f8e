package dev.tether.vault.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that starts a request and never finishes it must not hold one of the Vault's few
 * server threads for good: the server closes its connection once the request time limit passes.
 * Each case runs the server in a JVM of its own, since the JDK reads the limit once per JVM.
 */
class SlowClientTest {

  @Test
  void theVaultSetsARequestTimeLimitUnlessTheApplicationChoseOne() throws Exception {
    try (Probe probe = Probe.start(List.of())) {
      assertThat(probe.limit).isEqualTo(HttpServers.TIME_LIMIT_SECONDS);
    }
    try (Probe probe = Probe.start(List.of("-D" + HttpServers.REQUEST_TIME + "=7"))) {
      assertThat(probe.limit).as("the application's own value stands").isEqualTo("7");
    }
  }

  @Test
  void aRequestLeftUnfinishedIsDroppedAndTheServerKeepsServing() throws Exception {
    try (Probe probe = Probe.start(List.of("-D" + HttpServers.REQUEST_TIME + "=1"))) {
      List<Socket> stalled = new ArrayList<>();
      try {
        // More stalled requests than the server runs at most (2 threads, grown GROWTH times):
        // each sends half its body.
        for (int i = 0; i < 2 * HttpServers.GROWTH + 2; i++) {
          Socket socket = new Socket(InetAddress.getLoopbackAddress(), probe.port);
          socket.setSoTimeout(15_000); // far past the 1 s limit: a hang fails the test
          socket.getOutputStream().write(
              ("POST /v1/tasks HTTP/1.1\r\nHost: vault\r\nContent-Length: 100\r\n\r\n{\"grant\":")
                  .getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          stalled.add(socket);
        }
        for (Socket socket : stalled) {
          assertThatCode(() -> assertThat(readToEnd(socket.getInputStream())).isEmpty())
              .as("the server closed the stalled connection without an answer")
              .doesNotThrowAnyException();
        }
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }
      // Its threads were freed: a whole request is answered.
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), probe.port)) {
        socket.setSoTimeout(15_000);
        OutputStream out = socket.getOutputStream();
        out.write("POST / HTTP/1.1\r\nHost: vault\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(new String(readToEnd(socket.getInputStream()), StandardCharsets.US_ASCII))
            .startsWith("HTTP/1.1 200").endsWith("read 2");
      }
    }
  }

  /** Everything until the server closes the connection (a reset counts as closed). */
  private static byte[] readToEnd(InputStream in) throws IOException {
    try {
      return in.readAllBytes();
    } catch (SocketTimeoutException e) {
      throw e; // still open: not dropped
    } catch (IOException reset) {
      return new byte[0];
    }
  }

  /** {@link HttpServerProbe} in a JVM of its own, with {@code jvmOptions}. */
  private static final class Probe implements AutoCloseable {
    final Process process;
    final int port;
    final String limit;

    private Probe(Process process, int port, String limit) {
      this.process = process;
      this.port = port;
      this.limit = limit;
    }

    static Probe start(List<String> jvmOptions) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(HttpServerProbe.class.getName());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.startsWith("PORT ")) {
        process.destroyForcibly();
        throw new IllegalStateException("the probe server did not start: " + line);
      }
      String[] words = line.split(" ");
      return new Probe(process, Integer.parseInt(words[1]), words[3]);
    }

    @Override
    public void close() throws IOException {
      process.getOutputStream().close();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
