package dev.tether.agent.internal.attest;

import static dev.tether.agent.internal.attest.LocalAttestorClientTest.nonce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.internal.config.AttestationConfig.AgentCore;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.Evidence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCoreTokenAttestorTest {

  private static final String TOKEN = "eyJraWQiOiJ3b3JrbG9hZCJ9.c2VjcmV0LXdvcmtsb2Fk.c2ln";

  @TempDir Path dir;

  private final WorkloadKey key = WorkloadKey.generate();

  @Test
  void theTokenComesFromTheVariableTrimmed() throws Exception {
    AgentCoreTokenAttestor attestor =
        new AgentCoreTokenAttestor(
            new AgentCore(null, null),
            Map.of("AGENTCORE_WORKLOAD_ACCESS_TOKEN", " " + TOKEN + "\n"));
    String nonce = nonce();

    Evidence evidence = attestor.evidence(nonce, key);

    assertThat(evidence).isEqualTo(new Evidence("agentcore", nonce, TOKEN));
    assertThat(evidence.toString()).doesNotContain(TOKEN);
    assertThat(attestor.toString())
        .isEqualTo("AgentCoreTokenAttestor[env=AGENTCORE_WORKLOAD_ACCESS_TOKEN, token=<redacted>]");
    assertThat(attestor.kind()).isEqualTo("agentcore");
  }

  @Test
  void theFileWinsAndIsReadAtEveryAttestation() throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, TOKEN + "\n");
    AgentCoreTokenAttestor attestor =
        new AgentCoreTokenAttestor(
            new AgentCore("MY_TOKEN", file.toString()), Map.of("MY_TOKEN", "from-the-variable"));

    assertThat(attestor.evidence(nonce(), key).document()).isEqualTo(TOKEN);

    Files.writeString(file, "refreshed." + TOKEN);
    assertThat(attestor.evidence(nonce(), key).document()).isEqualTo("refreshed." + TOKEN);
    assertThat(attestor.toString()).doesNotContain(TOKEN).contains("file=" + file);
  }

  @Test
  void aMissingTokenNamesWhereItWasLookedFor() throws IOException {
    assertThatThrownBy(
            () ->
                new AgentCoreTokenAttestor(new AgentCore("MY_TOKEN", null), Map.of("MY_TOKEN", " "))
                    .evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessage(
            "no AgentCore workload access token: MY_TOKEN is not set; run the agent inside an"
                + " AgentCore Runtime, which sets it, or name the variable or file that holds it"
                + " with attestation.agentcore.token-env or token-file");

    Path missing = dir.resolve("missing");
    assertThatThrownBy(
            () ->
                new AgentCoreTokenAttestor(new AgentCore(null, missing.toString()), Map.of())
                    .evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessage(
            "no AgentCore workload access token: the file "
                + missing
                + " does not exist; check attestation.agentcore.token-file, or remove it to read"
                + " AGENTCORE_WORKLOAD_ACCESS_TOKEN");

    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(
            () ->
                new AgentCoreTokenAttestor(new AgentCore(null, empty.toString()), Map.of())
                    .evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageStartingWith(
            "no AgentCore workload access token: the file " + empty + " is empty");

    assertThatThrownBy(
            () ->
                new AgentCoreTokenAttestor(new AgentCore(null, dir.toString()), Map.of())
                    .evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageStartingWith(
            "cannot read the AgentCore workload access token file " + dir + " (");
  }

  @Test
  void aMalformedTokenIsRefusedWithoutQuotingIt() {
    String twoLines = TOKEN + "\n" + TOKEN;
    assertThatThrownBy(
            () ->
                new AgentCoreTokenAttestor(new AgentCore("T", null), Map.of("T", twoLines))
                    .evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessage(
            "the AgentCore workload access token in the environment variable T has a character"
                + " that is not printable ASCII (or is a space) at index "
                + TOKEN.length()
                + "; it must hold the token alone, on one line");
    String spaced = TOKEN + " " + TOKEN;
    assertThatThrownBy(
            () ->
                new AgentCoreTokenAttestor(new AgentCore("T", null), Map.of("T", spaced))
                    .evidence(nonce(), key))
        .as("the Vault refuses spaces too")
        .hasMessageContaining("(or is a space) at index " + TOKEN.length());

    String huge = "x".repeat(8193);
    assertThatThrownBy(
            () ->
                new AgentCoreTokenAttestor(new AgentCore("T", null), Map.of("T", huge))
                    .evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessage(
            "the AgentCore workload access token in the environment variable T is longer than"
                + " 8192 characters; it must hold one token")
        .message()
        .doesNotContain(huge);
  }

  @Test
  void theLongestTokenIsAccepted() throws Exception {
    String longest = "x".repeat(8192);
    assertThat(
            new AgentCoreTokenAttestor(new AgentCore("T", null), Map.of("T", longest))
                .evidence(nonce(), key)
                .document())
        .isEqualTo(longest);
  }
}
