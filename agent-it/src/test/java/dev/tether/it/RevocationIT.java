package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.wire.Revocation;
import dev.tether.core.wire.RevocationRequest;
import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.it.apps.RevocationApp;
import dev.tether.it.apps.S3ToolApp;
import dev.tether.vault.OrchestratorClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Containment end to end: the packaged agent in a forked JVM, a tool call that has read from S3
 * with its Vault-issued credentials, the orchestrator revokes the task at the Vault, the agent's
 * background poll learns of it (its {@code tether.containment} span on the console), and the same
 * tool call's next S3 request, with the same cached credentials, is refused inside the JVM: the
 * S3 server receives nothing more.
 */
class RevocationIT {

  static final String TASK = "t-it-revoke";
  static final String REASON = "prompt injection suspected in the build log";
  static LocalAwsStack stack;

  @BeforeAll
  static void startStack() {
    stack = LocalAwsStack.start(ForkedJvm.itTools());
    stack.seed(S3ToolApp.BUCKET, TASK + "/own.txt", "own data");
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @Test
  void aRevokedTasksCachedCredentialsAreRefusedInsideTheJvmAfterThePollLearnsOfIt()
      throws Exception {
    Path marker = Files.createTempDirectory("tether-revocation-it").resolve("revoked");
    ForkedJvm jvm = new ForkedJvm(Paths.get(System.getProperty("java.home")));
    stack.launch("revocation test JVM").environment().forEach(jvm::env);
    ForkedJvm.Running running = jvm
        .agentOptions("config=" + Paths.get("src/test/resources/it-revocation.yaml")
            .toAbsolutePath())
        .property("tether.vault.url", stack.vault().url())
        .property("tether.vault.token", stack.vault().agentToken())
        .property("tether.task.grant", stack.grantAllTools(TASK, "alice", List.of("acme/widgets")))
        .property("aws.accessKeyId", stack.platformAccessKeyId())
        .property("aws.secretAccessKey", stack.platformSecretAccessKey())
        .startMain(RevocationApp.class.getName(), stack.s3Endpoint().toString(), TASK,
            marker.toString());
    try {
      assertThat(running.awaitOutput("STEP revocation/before ", false, Duration.ofSeconds(60)))
          .as("the tool's first read; so far:\n%s\n%s", running.stdoutSoFar(),
              running.stderrSoFar())
          .isTrue();
      assertThat(running.stdoutSoFar()).contains("STEP revocation/before ALLOWED own data");
      int received = stack.requests().size();

      Revocation revocation =
          new OrchestratorClient(stack.vault().url(), stack.vault().orchestratorToken(), 5_000)
              .revoke(new RevocationRequest(TASK, null, REASON));
      // The agent learns of it by its poll (200 ms here), and says so in a span on stderr.
      assertThat(running.awaitOutput("tether.containment", true, Duration.ofSeconds(60)))
          .as("the containment span; stderr so far:\n%s", running.stderrSoFar())
          .isTrue();
      Files.createFile(marker);

      ForkedJvm.Result result = running.await();
      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(result.stdout()).as(result.all()).contains(
          "STEP revocation/after REFUSED Tether refused s3:GetObject on arn:aws:s3:::it-data/"
              + TASK + "/own.txt in tool 'readOwn': task " + TASK + " was revoked at "
              + revocation.revokedAt() + " (revocation " + revocation.id() + "): " + REASON
              + "; the tool call's credentials are dropped; nothing was sent");
      assertThat(stack.requests()).as("the S3 server saw nothing after the revocation")
          .hasSize(received);
      String containment = result.stderr().lines()
          .filter(line -> line.contains("'tether.containment'"))
          .findFirst().orElseThrow();
      assertThat(containment)
          .contains("task.id=" + TASK)
          .contains("tether.revocation.id=" + revocation.id())
          .contains("tether.revocation.source=poll")
          .contains("tether.revocation.scope=task")
          .contains("tether.reason=" + REASON);
      assertThat(result.stderr().lines().filter(l -> l.contains("'tether.containment'")))
          .as("recorded once").hasSize(1);
    } finally {
      running.kill();
    }
  }
}
