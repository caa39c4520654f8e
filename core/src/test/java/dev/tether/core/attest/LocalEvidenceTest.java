package dev.tether.core.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.pop.WorkloadKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEvidenceTest {

  private static final LauncherKey LAUNCHER = LauncherKey.generate();
  private static final Map<String, PublicKey> TRUSTED = Map.of(LAUNCHER.id(), LAUNCHER.publicKey());
  private static final String KEY = WorkloadKey.generate().thumbprint();

  @Test
  void evidenceFromTheLaunchersAttestorVerifies() throws Exception {
    LocalAttestor attestor = new LocalAttestor(LAUNCHER, "pid 42");
    String evidence = attestor.evidence(attestor.ticket(), "nonce-1", KEY, 1_700_000_000L);

    LocalStatement statement = LocalEvidence.verify(evidence, TRUSTED);

    assertThat(statement)
        .isEqualTo(new LocalStatement("nonce-1", KEY, LAUNCHER.id(), "pid 42", 1_700_000_000L));
  }

  @Test
  void anUnknownLauncherIsUntrusted() throws Exception {
    LauncherKey stranger = LauncherKey.generate();
    LocalAttestor attestor = new LocalAttestor(stranger, "pid 42");
    String evidence = attestor.evidence(attestor.ticket(), "nonce-1", KEY, 1L);

    assertThatThrownBy(() -> LocalEvidence.verify(evidence, TRUSTED))
        .isInstanceOfSatisfying(LocalEvidenceException.class,
            e -> assertThat(e.reason()).isEqualTo(LocalEvidenceException.Reason.UNTRUSTED))
        .hasMessageContaining("--local-attestor-key");
  }

  @Test
  void aChangedStatementOrSignatureFails() throws Exception {
    String evidence = LocalEvidence.issue(
        new LocalStatement("nonce-1", KEY, LAUNCHER.id(), "pid 42", 1L), LAUNCHER);
    String[] parts = evidence.split("\\.");
    String other = Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("nonce-1", "nonce-2").getBytes(StandardCharsets.UTF_8));
    String swapped = parts[0] + "." + other + "." + parts[2];
    char last = parts[2].charAt(5);
    String flipped = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 5)
        + (last == 'A' ? 'B' : 'A') + parts[2].substring(6);

    // The JDK 17 provider verifies a signature with a zero byte appended; Tether must not.
    String extended = evidence + "A";

    for (String tampered : new String[] {swapped, flipped, extended}) {
      assertThatThrownBy(() -> LocalEvidence.verify(tampered, TRUSTED))
          .isInstanceOfSatisfying(LocalEvidenceException.class,
              e -> assertThat(e.reason()).isEqualTo(LocalEvidenceException.Reason.BAD_SIGNATURE));
    }
  }

  @Test
  void malformedEvidenceGetsAReasonNeverAnotherException() {
    String[] inputs = {null, "", "tla1.", "tla1.a", "tla1.a.b.c", "xyz.a.b", "tla1.!!.b",
        "tla1." + b64("[]") + ".AA", "tla1." + b64("{\"nonce\":1}") + ".AA",
        "tla1." + b64("{\"nonce\":\"n\",\"jkt\":\"k\",\"lch\":\"l\",\"wl\":\"w\",\"iat\":1,\"x\":2}")
            + ".AA",
        "tla1." + b64("{\"nonce\":\"n\",\"jkt\":\"k\",\"lch\":\"l\",\"wl\":\"w\",\"iat\":1.5}") + ".AA",
        "tla1." + "A".repeat(5000) + ".AA"};
    for (String input : inputs) {
      assertThatThrownBy(() -> LocalEvidence.verify(input, TRUSTED))
          .isInstanceOfSatisfying(LocalEvidenceException.class,
              e -> assertThat(e.reason()).isEqualTo(LocalEvidenceException.Reason.MALFORMED));
    }
  }

  @Test
  void theAttestorVouchesOnlyForTheFirstKeyAndOnlyWithTheTicket() throws Exception {
    LocalAttestor attestor = new LocalAttestor(LAUNCHER, "pid 42");
    assertThatThrownBy(() -> attestor.evidence("stolen?", "n", KEY, 1L))
        .hasMessageContaining("wrong launch ticket");
    assertThat(attestor.boundKey()).isNull();

    attestor.evidence(attestor.ticket(), "n1", KEY, 1L);
    attestor.evidence(attestor.ticket(), "n2", KEY, 2L); // re-attestation of the same key
    String thief = WorkloadKey.generate().thumbprint();

    assertThatThrownBy(() -> attestor.evidence(attestor.ticket(), "n3", thief, 3L))
        .hasMessageContaining("bound to workload key " + KEY);
  }

  @Test
  void anUnlabelledAttestorIsLabelledOnceWithAPrintableLabel() throws Exception {
    LocalAttestor attestor = new LocalAttestor(LAUNCHER);
    assertThatThrownBy(() -> attestor.labelWorkload("pid\n1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("printable ASCII");
    attestor.labelWorkload("pid 1");
    assertThatThrownBy(() -> attestor.labelWorkload("pid 2"))
        .isInstanceOf(IllegalStateException.class);

    String evidence = attestor.evidence(attestor.ticket(), "n", KEY, 1L);

    assertThat(LocalEvidence.verify(evidence, TRUSTED).workload()).isEqualTo("pid 1");
  }

  @Test
  void aKeyFileIsOwnerOnlyAndLoadsToTheSameKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys/launcher.pem");
    LauncherKey made = LauncherKey.loadOrCreate(file);
    LauncherKey loaded = LauncherKey.loadOrCreate(file);

    assertThat(loaded.id()).isEqualTo(made.id());
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    PublicKey published = LauncherPublicKeys.readPem(Files.readString(dir.resolve("keys/launcher.pem.pub")));
    assertThat(LauncherPublicKeys.id(published)).isEqualTo(made.id());
    String evidence = LocalEvidence.issue(
        new LocalStatement("n", KEY, loaded.id(), "pid 1", 1L), loaded);
    assertThat(LocalEvidence.verify(evidence, Map.of(made.id(), published)).keyThumbprint())
        .isEqualTo(KEY);
  }

  @Test
  void aBrokenKeyFileIsNamedWithWhatToDo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("launcher.pem");
    Files.writeString(file, "not a key");
    assertThatThrownBy(() -> LauncherKey.load(file))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("delete it");
    Path mismatched = dir.resolve("mixed.pem");
    String first = Files.readString(LauncherKeyFiles.write(dir.resolve("a.pem")));
    String second = Files.readString(LauncherKeyFiles.write(dir.resolve("b.pem")));
    Files.writeString(mismatched,
        first.substring(0, first.indexOf("-----BEGIN PUBLIC KEY"))
            + second.substring(second.indexOf("-----BEGIN PUBLIC KEY")));
    assertThatThrownBy(() -> LauncherKey.load(mismatched))
        .hasMessageContaining("not the public half");
    assertThatThrownBy(() -> LauncherPublicKeys.readPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
        .hasMessageContaining("not an Ed25519 public key");
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a fresh key file and returns its path. */
  private static final class LauncherKeyFiles {
    static Path write(Path file) throws Exception {
      LauncherKey.loadOrCreate(file);
      return file;
    }
  }
}
