package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.token.LayeredToken;
import dev.tether.vault.internal.telemetry.VaultTelemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request is a span with its decision; a refusal carries its reason and message. */
class VaultSpansTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private TetherVault vault;

  @BeforeEach
  void start() {
    vault = TetherVault.start(TokenFlow.settings(), exporter);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void eachRequestIsASpanWithItsDecisionAndARefusalsReason() throws Exception {
    TokenFlow flow = new TokenFlow(vault);
    LayeredToken task = flow.task("read_file");
    LayeredToken call = TokenFlow.toolCall(task, "read_file", "call-1");
    assertThat(flow.exchange(call, 0).statusCode()).isEqualTo(200);
    // The same tool-call token presented by a stranger's key: refused, and the span says why.
    String stolen = call.encode();
    assertThat(new VaultHttp(vault.url()).post("/v1/aws/credentials", "wrong-token",
        "{}".getBytes()).statusCode()).isEqualTo(401);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).extracting(SpanData::getName).contains(
        "tether.vault.grant", "tether.vault.nonce", "tether.vault.redeem",
        "tether.vault.exchange");
    SpanData allowed = spans.stream()
        .filter(s -> s.getName().equals("tether.vault.exchange")
            && "allow".equals(s.getAttributes().get(VaultTelemetry.DECISION)))
        .findFirst().orElseThrow();
    assertThat(allowed.getAttributes().get(VaultTelemetry.ENDPOINT))
        .isEqualTo("POST /v1/aws/credentials");
    SpanData refused = spans.get(spans.size() - 1);
    assertThat(refused.getAttributes().get(VaultTelemetry.DECISION)).isEqualTo("deny");
    assertThat(refused.getAttributes().get(VaultTelemetry.REASON)).isEqualTo("unauthorized");
    assertThat(refused.getAttributes().get(VaultTelemetry.STATUS)).isEqualTo(401L);
    for (SpanData span : spans) {
      assertThat(span.getAttributes().toString())
          .doesNotContain(stolen)
          .doesNotContain(vault.agentToken());
    }
  }
}
