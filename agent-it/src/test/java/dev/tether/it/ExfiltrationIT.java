package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.it.apps.Exfiltrator;
import dev.tether.it.apps.LeakyToolApp;
import dev.tether.it.apps.S3ToolApp;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exfiltration matrix. A workload (a forked JVM with the real agent, started by the stack as
 * its launcher) runs one tool whose code is hostile: it takes the redeemed task grant and the
 * launch ticket from its environment and, by reflection into the agent, the task, turn and
 * tool-call tokens; a tap on its Vault traffic keeps a proof it sent. Each artifact then goes to a
 * separate process with its own key, which tries every use of it. Every attempt must be refused,
 * each refusal must be a Vault span naming its reason, and the Vault must issue nothing more.
 *
 * <p>The hostile tool also asks for a single-use API token (through {@code TetherTokens}), uses it
 * once at an external API that introspects it at the Vault, and leaks it; presented again by the
 * attacker, the API refuses it (the Vault's introspection span says {@code token_used}).
 */
class ExfiltrationIT {

  static final String TASK = "t-exfil";
  static final AttributeKey<String> DECISION = AttributeKey.stringKey("tether.decision");
  static final AttributeKey<String> REASON = AttributeKey.stringKey("tether.reason");

  static final InMemorySpanExporter vaultExporter = InMemorySpanExporter.create();
  static LocalAwsStack stack;
  static WireTap tap;
  static ResourceServer api;

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalAwsStack.start(ForkedJvm.itTools(), vaultExporter);
    stack.seed(S3ToolApp.BUCKET, TASK + "/own.txt", "own data");
    tap = WireTap.start(stack.vault().url());
    api = new ResourceServer(stack.vault().url(), stack.vault().resourceServerToken());
  }

  @AfterAll
  static void stopStack() {
    api.close();
    tap.close();
    stack.close();
  }

  @Test
  void everyArtifactTakenOutOfTheWorkloadIsRefusedElsewhereWithAReason(@TempDir Path loot)
      throws Exception {
    ForkedJvm.Result workload = runLeakyWorkload(loot);
    assertThat(workload.exitCode()).as(workload.all()).isZero();
    assertThat(workload.stdout()).as(workload.all()).contains("READ own data", "API 200",
        "LEAKED api-token", "LEAKED task", "LEAKED turn", "LEAKED call", "LEAKED grant",
        "LEAKED ticket");
    assertThat(api.served()).isEqualTo(1);
    Files.writeString(loot.resolve("api-url"), api.url().toString());
    WireTap.Captured exchange = tap.last("/v1/aws/credentials");
    assertThat(exchange.status()).isEqualTo(200);
    Files.writeString(loot.resolve("captured-call"), exchange.requestBody());
    Files.writeString(loot.resolve("captured-proof"), exchange.proof());
    int issued = stack.vault().issuances().size();

    Map<String, List<String>> refusals = new LinkedHashMap<>();
    for (String attack : List.of("proof", "grant", "task", "turn", "call", "api-token")) {
      ForkedJvm.Result attacker = new ForkedJvm(Paths.get(System.getProperty("java.home")))
          .withoutAgent()
          .runWithClassPath(System.getProperty("java.class.path"), Exfiltrator.class.getName(),
              // The Vault's address as the workload knew it (the tap keeps the Host header).
              attack, tap.url().toString(), stack.vault().agentToken(),
              loot.toString());
      assertThat(attacker.exitCode()).as(attacker.all()).isZero();
      assertThat(attacker.stdout()).as(attack + ": " + attacker.all())
          .doesNotContain("ACCEPTED").contains("REFUSED");
      refusals.put(attack, attacker.lines("REFUSED"));
    }

    assertThat(refusals.get("proof")).singleElement().asString()
        .matches("REFUSED 403 pop_(replayed|stale)");
    assertThat(refusals.get("grant")).containsExactly(
        "REFUSED 403 local_attestor_refused (launcher)",
        "REFUSED 403 attestation_required",
        "REFUSED 403 evidence_malformed");
    assertThat(refusals.get("task")).containsExactly(
        "REFUSED 403 pop_wrong_key", "REFUSED 403 pop_wrong_key");
    assertThat(refusals.get("turn")).containsExactly("REFUSED 403 pop_wrong_key");
    assertThat(refusals.get("call")).containsExactly("REFUSED 403 pop_wrong_key");
    assertThat(refusals.get("api-token"))
        .containsExactly("REFUSED 401 inactive (resource server)");
    assertThat(api.served()).as("the stolen API token served nothing").isEqualTo(1);
    assertThat(vaultExporter.getFinishedSpanItems()).as("the Vault's introspection refused it as used").anySatisfy(span -> {
      assertThat(span.getName()).isEqualTo("tether.vault.introspect");
      assertThat(span.getAttributes().get(REASON)).isEqualTo("token_used");
    });
    assertThat(stack.vault().issuances()).as("nothing issued to any attacker").hasSize(issued);

    // Each refusal by the Vault is a span with its reason.
    for (List<String> lines : refusals.values()) {
      for (String line : lines) {
        if (line.endsWith("(launcher)") || line.endsWith("(resource server)")) {
          continue; // refused by the launcher or the API, checked above
        }
        String reason = line.split(" ")[2];
        assertThat(vaultExporter.getFinishedSpanItems()).as(line).anySatisfy(span -> {
          assertThat(span.getAttributes().get(DECISION)).isEqualTo("deny");
          assertThat(span.getAttributes().get(REASON)).isEqualTo(reason);
        });
      }
    }
  }

  private static ForkedJvm.Result runLeakyWorkload(Path loot) throws Exception {
    ForkedJvm jvm = new ForkedJvm(Paths.get(System.getProperty("java.home")));
    stack.launch("forked leaky workload").environment().forEach(jvm::env);
    return jvm
        .agentOptions("config=" + Paths.get("src/test/resources/it-exfil.yaml").toAbsolutePath())
        .property("tether.vault.url", tap.url())
        .property("tether.vault.token", stack.vault().agentToken())
        .property("tether.task.grant", stack.grant(TASK, "alice", List.of("acme/widgets"),
            List.of("leakTool")))
        .property("aws.accessKeyId", stack.platformAccessKeyId())
        .property("aws.secretAccessKey", stack.platformSecretAccessKey())
        .runMain(LeakyToolApp.class.getName(), stack.s3Endpoint().toString(), TASK,
            loot.toString(), api.url().toString());
  }
}
