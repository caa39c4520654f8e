package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.it.apps.ToolWithoutVaultApp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Vault that is down, or that accepts connections and never answers: the tool's AWS call fails
 * inside the JVM with a clear reason, bounded by the configured timeout, and the application goes on.
 */
class VaultFailureIT {

  @TempDir Path dir;

  private Path config() throws Exception {
    Path config = dir.resolve("tether.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "vault:",
            "  timeout: 1s",
            "tools:",
            "  - name: readOwn",
            "    aws:",
            "      actions: [s3:GetObject]",
            "      resources: [\"arn:aws:s3:::it-data/${task.id}/*\"]",
            "telemetry:",
            "  exporter: none",
            ""));
    return config;
  }

  private ForkedJvm app(String vaultUrl) throws Exception {
    return new ForkedJvm(ForkedJvm.javaHomes().get(0))
        .agentOptions("config=" + config())
        .property("tether.vault.url", vaultUrl)
        .property("tether.vault.token", "test-token")
        .property("tether.task.grant", "tt1.a-grant-the-vault-never-sees");
  }

  @Test
  void vaultDownRefusesTheCallAndTheApplicationGoesOn() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    ForkedJvm.Result result =
        app("http://127.0.0.1:" + closedPort).runMain(ToolWithoutVaultApp.class.getName(), "http://127.0.0.1:9");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.stdout())
        .as(result.all())
        .contains("STEP readOwn/own REFUSED Tether refused s3:GetObject")
        .contains("in tool 'readOwn': Tether could not redeem the task grant: the Vault at http://127.0.0.1:" + closedPort + " is unreachable")
        .contains("nothing was sent")
        .contains("STILL_RUNNING");
  }

  @Test
  void silentVaultTimesOutWithinTheConfiguredBound() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // accept, read nothing, answer nothing
                  }
                } catch (Exception closed) {
                  // test over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      ForkedJvm.Result result =
          app("http://127.0.0.1:" + silent.getLocalPort())
              .runMain(ToolWithoutVaultApp.class.getName(), "http://127.0.0.1:9");

      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(result.stdout())
          .as(result.all())
          .contains("in tool 'readOwn': Tether could not redeem the task grant: the Vault at http://127.0.0.1:" + silent.getLocalPort() + " did not answer within 1000 ms")
          .contains("STILL_RUNNING");
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
