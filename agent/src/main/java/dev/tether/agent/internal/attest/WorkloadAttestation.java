package dev.tether.agent.internal.attest;

import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultException;
import dev.tether.core.wire.AttestationNonce;
import dev.tether.core.wire.Evidence;
import java.time.Duration;

/**
 * One attestation round: a nonce from the Vault for this JVM's workload key, then evidence over
 * it from the configured provider. Each round is a {@code tether.attest} span.
 */
public final class WorkloadAttestation {

  private final Attestor attestor;
  private final VaultClient vault;
  private final Telemetry telemetry;
  private final Duration refresh;

  public WorkloadAttestation(
      Attestor attestor, VaultClient vault, Telemetry telemetry, Duration refresh) {
    this.attestor = attestor;
    this.vault = vault;
    this.telemetry = telemetry;
    this.refresh = refresh;
  }

  public String kind() {
    return attestor.kind();
  }

  /** How often the agent renews its binding (at most half the binding's lifetime). */
  public Duration refresh() {
    return refresh;
  }

  /**
   * Fresh evidence over a new Vault nonce.
   *
   * @param purpose {@code redeem} or {@code renew}, for the span
   * @param ageMillis how old the binding being renewed is, or negative for none
   * @throws VaultException when the Vault gives no nonce (unreachable, refused)
   * @throws AttestationUnavailable when the provider gives no evidence
   */
  public Evidence evidence(String purpose, long ageMillis, SpanHandle parent)
      throws AttestationUnavailable, VaultException {
    SpanHandle span = telemetry.start(Telemetry.SPAN_ATTEST, parent)
        .attribute("tether.attestation.kind", attestor.kind())
        .attribute("tether.attestation.purpose", purpose);
    if (ageMillis >= 0) {
      span.attribute("tether.attestation.age_ms", Long.toString(ageMillis));
    }
    try {
      AttestationNonce nonce;
      try {
        nonce = vault.nonce(attestor.kind());
      } catch (VaultException e) {
        span.attribute("tether.decision", "no_nonce").attribute("tether.reason", e.getMessage());
        span.fail(e.getMessage());
        throw e;
      }
      Evidence evidence = attestor.evidence(nonce.nonce(), vault.workloadKey());
      span.attribute("tether.decision", "evidence");
      return evidence;
    } catch (AttestationUnavailable e) {
      span.attribute("tether.decision", "unavailable").attribute("tether.reason", e.getMessage());
      span.fail(e.getMessage());
      throw e;
    } finally {
      span.end();
    }
  }
}
