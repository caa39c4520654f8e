package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.it.apps.ToolWithoutVaultApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad configuration file: {@code check} lists every problem with its line; an application
 * started with it runs, says so in one line, and every credential use is refused.
 */
class BadConfigurationIT {

  @TempDir Path dir;

  private Path badConfig() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "vault:",
            "  timeout: forever",
            "tools:",
            "  - name: readOwn",
            "    aws:",
            "      action: [s3:GetObject]",
            "      resources: [\"arn:aws:s3:::it-data/${task_id}/*\"]",
            "outside-tools:",
            "  aws: ambient",
            ""));
    return config;
  }

  @Test
  void checkListsEveryProblemWithItsLine() throws Exception {
    Path config = badConfig();
    ForkedJvm.Result result =
        new ForkedJvm(ForkedJvm.javaHomes().get(0)).withoutAgent().runJar(ForkedJvm.AGENT_JAR, "check", config.toString());

    assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
    assertThat(result.stderr())
        .as(result.all())
        .contains(config + ":2:")
        .contains(config + ":6:")
        .contains("'actions'")
        .contains(config + ":7:")
        .contains("${task.id}")
        .contains(config + ":9:");
  }

  @Test
  void checkAcceptsTheDocumentedExample() throws Exception {
    ForkedJvm.Result result =
        new ForkedJvm(ForkedJvm.javaHomes().get(0))
            .withoutAgent()
            .runJar(ForkedJvm.AGENT_JAR, "check", Paths.get("../docs/examples/tether.yaml").toString());

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.stdout()).contains("OK");
  }

  @Test
  void applicationStartsWithABadFileAndEveryCredentialUseIsRefused() throws Exception {
    ForkedJvm.Result result =
        new ForkedJvm(ForkedJvm.javaHomes().get(0))
            .agentOptions("config=" + badConfig())
            .property("aws.accessKeyId", "AKIDPLATFORM")
            .property("aws.secretAccessKey", "platform-secret")
            .runMain(ToolWithoutVaultApp.class.getName(), "http://127.0.0.1:9");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.stderr()).as(result.all()).contains("[tether] configuration error").contains("bad.yaml:");
    assertThat(result.stdout())
        .as(result.all())
        .contains("STEP readOwn/own REFUSED Tether refused S3.GetObject: the Tether configuration is invalid")
        .contains("STILL_RUNNING");
  }
}
