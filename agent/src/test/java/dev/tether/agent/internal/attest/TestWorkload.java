package dev.tether.agent.internal.attest;

import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.core.attest.LauncherKey;
import dev.tether.core.attest.LocalAttestor;
import dev.tether.core.attest.LocalAttestorServer;
import dev.tether.vault.AttestationPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The tests' launcher: one launcher key their Vaults trust, and a local attestor per workload key
 * (per {@link VaultClient}), as {@code tether-agent.jar launch} gives each workload it starts.
 */
public final class TestWorkload {

  public static final LauncherKey LAUNCHER = LauncherKey.generate();

  private TestWorkload() {}

  /** What the tests' Vaults accept: local evidence from {@link #LAUNCHER}. */
  public static AttestationPolicy vaultPolicy() {
    return AttestationPolicy.defaults().withLauncher(LAUNCHER.publicKey());
  }

  /** Attestation for the workload key of {@code client}, through a launch of its own. */
  public static WorkloadAttestation attestation(VaultClient client, Telemetry telemetry) {
    return attestation(client, telemetry, Duration.ofMinutes(5));
  }

  public static WorkloadAttestation attestation(
      VaultClient client, Telemetry telemetry, Duration refresh) {
    LocalAttestor launch = new LocalAttestor(LAUNCHER, "pid test");
    try {
      LocalAttestorServer server = LocalAttestorServer.start(launch);
      return new WorkloadAttestation(
          new LocalAttestorClient(server.url().toString(), launch.ticket()), client, telemetry,
          refresh);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
