package dev.tether.bench.jmh;

import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.VerifiedEvidence;
import dev.tether.vault.internal.attest.ec2iid.Ec2IidVerifier;
import dev.tether.vault.internal.attest.nitro.NitroPolicy;
import dev.tether.vault.internal.attest.nitro.NitroVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Vault pays to verify attestation evidence, once per redemption that carries it: a real
 * AWS-signed Nitro Enclaves document (COSE_Sign1 ES384, its certificate chain validated by the
 * JDK's PKIX to the bundled AWS root) and real EC2 instance identity documents (PKCS#7 with Bouncy
 * Castle, RSA-2048/SHA-256 and DSA/SHA-1, against the bundled AWS certificates). The documents are
 * in {@code bench-attestation/} (sources and licences in the README there); each is verified at an
 * instant its certificates are valid, and the trial fails unless it verifies.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AttestationCost {

  /** The Nitro document's own timestamp: its leaf certificate lives three hours from then. */
  static final Instant NITRO_AT = Instant.ofEpochMilli(1725719859545L);

  /** The EC2 certificates are valid for decades (DSA 2012-2038, RSA-2048 2015-2195). */
  static final Instant EC2_AT = Instant.parse("2026-11-25T00:00:00Z");

  @State(Scope.Benchmark)
  public static class Nitro {
    // The document is not in debug mode: the default policy (no PCR pinned) admits it.
    final NitroVerifier verifier = new NitroVerifier(NitroPolicy.defaults());
    byte[] document;

    @Setup(Level.Trial)
    public void load() throws EvidenceRefused {
      document = resource("blocky-nitrite_2024-09-07_us-east-1.cbor");
      VerifiedEvidence evidence = verifier.verify(document, NITRO_AT);
      expect(evidence, "i-0a22e5c5f24d22174-enc0191cceb4289903f");
    }
  }

  @State(Scope.Benchmark)
  public static class Ec2Iid {
    final Ec2IidVerifier verifier = new Ec2IidVerifier();
    byte[] rsa2048;
    byte[] dsa;

    @Setup(Level.Trial)
    public void load() throws EvidenceRefused {
      rsa2048 = resource("teleport-instance1_2021-09-03_us-west-2.rsa2048.b64");
      dsa = resource("mozilla-pkcs7_2016-04-08_us-east-1.p7.pem");
      expect(verifier.verify(rsa2048, EC2_AT), "i-078517ca8a70a1dde");
      expect(verifier.verify(dsa, EC2_AT), "i-f79fe56c");
    }
  }

  @Benchmark
  public VerifiedEvidence nitroVerify(Nitro nitro) throws EvidenceRefused {
    return nitro.verifier.verify(nitro.document, NITRO_AT);
  }

  @Benchmark
  public VerifiedEvidence ec2IidVerifyRsa2048(Ec2Iid ec2) throws EvidenceRefused {
    return ec2.verifier.verify(ec2.rsa2048, EC2_AT);
  }

  @Benchmark
  public VerifiedEvidence ec2IidVerifyDsa(Ec2Iid ec2) throws EvidenceRefused {
    return ec2.verifier.verify(ec2.dsa, EC2_AT);
  }

  private static void expect(VerifiedEvidence evidence, String workload) {
    if (!workload.equals(evidence.workload())) {
      throw new IllegalStateException(
          "verified the wrong document: " + evidence.workload() + ", expected " + workload);
    }
  }

  static byte[] resource(String name) {
    String path = "/bench-attestation/" + name;
    try (InputStream in = AttestationCost.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the benchmark jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
