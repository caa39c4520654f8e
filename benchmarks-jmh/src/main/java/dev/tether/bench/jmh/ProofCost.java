package dev.tether.bench.jmh;

import dev.tether.core.pop.PopProofs;
import dev.tether.core.pop.PopRefused;
import dev.tether.core.pop.PopVerifier;
import dev.tether.core.replay.UsedOnce;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.ChainVerifier;
import dev.tether.core.token.IssuerKeys;
import dev.tether.core.token.TokenMinter;
import java.lang.reflect.Field;
import java.time.Duration;
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
 * Proof of possession per exchange, with the JDK's Ed25519: the agent's {@link PopProofs#create}
 * (sign) and the Vault's {@link PopVerifier#verify} (parse, verify, thumbprint, replay check).
 * The proof is for a POST of the demo's four-layer tool-call token (about 1,800 characters, which
 * the proof hashes), bound to the workload key, as at an exchange.
 *
 * <p>A verifier accepts each proof once (its {@code jti}), so every verification needs a fresh
 * proof. Three ways to time that, all reported:
 *
 * <ul>
 *   <li>{@code create}: making a proof alone, the agent's cost;
 *   <li>{@code verify}: verifying alone, a fresh proof made in a per-invocation set-up (outside the
 *       timed region; JMH's caution about {@code Level.Invocation} concerns calls far shorter than
 *       these);
 *   <li>{@code createAndVerify}: one proof made and verified per call, with no per-invocation
 *       set-up at all: the cross-check, which should be close to the sum of the two.
 * </ul>
 *
 * <p>{@code createAndVerifyAtBar} is the same round against a verifier whose replay cache holds
 * what the Vault would hold at its bar of 5,000 exchanges per second: every proof is remembered
 * until it can no longer pass the time check (window 30 s, plus 1 s), so 5,000 × 31 = 155,000
 * proofs. They are put into the verifier's private map directly (making them would take minutes).
 * The other benchmarks swap in a fresh verifier every 50,000 proofs, so their cache stays below the
 * 100,000 proofs at which it starts pruning.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProofCost {

  /** The Vault's window (TetherVault.CLOCK_SKEW). */
  static final long WINDOW_SECONDS = 30;

  static final String URL = "http://127.0.0.1:8787/v1/aws/credentials";
  static final long NOW = Instant.parse("2026-11-25T12:00:00Z").getEpochSecond();

  /** Proofs remembered at 5,000 exchanges/s: each for the window and one second more. */
  static final int REMEMBERED_AT_BAR = 5_000 * (int) (WINDOW_SECONDS + 1);

  private static final int FRESH_VERIFIER_AFTER = 50_000;

  /** The workload key, the token it presents and the Vault's verifier. */
  @State(Scope.Thread)
  public static class Exchange {
    WorkloadKey key;
    String token;
    private PopVerifier verifier;
    private int verified;

    @Setup(Level.Trial)
    public void start() throws ChainRefusal, PopRefused {
      key = WorkloadKey.generate();
      IssuerKeys keys = IssuerKeys.random("bench-vault");
      token =
          TokenSizes.fourLayers(new TokenMinter(keys), new ChainVerifier(keys, Duration.ofSeconds(30)))
              .encode();
      verifier = new PopVerifier(WINDOW_SECONDS);
      // The figures are meaningless unless the proof verifies: check once.
      String thumbprint = verify(verifier, proof()).thumbprint();
      if (!thumbprint.equals(key.thumbprint())) {
        throw new IllegalStateException("the proof verified with another key: " + thumbprint);
      }
    }

    String proof() {
      return PopProofs.create(key, "POST", URL, token, NOW);
    }

    PopVerifier verifier() {
      if (++verified > FRESH_VERIFIER_AFTER) {
        verifier = new PopVerifier(WINDOW_SECONDS);
        verified = 1;
      }
      return verifier;
    }

    PopVerifier.Verified verify(PopVerifier verifier, String proof) throws PopRefused {
      return verifier.verify(proof, "POST", URL, token, key.thumbprint(), NOW);
    }
  }

  /**
   * An exchange of its own whose next proof is made before each call of {@link #verify}, outside
   * its timing. (Not a set-up taking {@link Exchange}: JMH gave that another instance, whose key
   * the proofs then did not match.)
   */
  @State(Scope.Thread)
  public static class ExchangeWithFreshProof {
    final Exchange exchange = new Exchange();
    String proof;

    @Setup(Level.Trial)
    public void start() throws ChainRefusal, PopRefused {
      exchange.start();
    }

    @Setup(Level.Invocation)
    public void make() {
      proof = exchange.proof();
    }
  }

  /** A verifier whose replay cache holds 155,000 proofs still inside the window. */
  @State(Scope.Thread)
  public static class AtBar {
    PopVerifier verifier;

    @Setup(Level.Iteration)
    public void fill() throws ReflectiveOperationException {
      verifier = new PopVerifier(WINDOW_SECONDS);
      Field field = PopVerifier.class.getDeclaredField("seen");
      field.setAccessible(true);
      UsedOnce seen = (UsedOnce) field.get(verifier);
      for (int i = 0; i < REMEMBERED_AT_BAR; i++) {
        // The verifier's own form of entry: "<thumbprint>:<jti>" until iat + window + 1.
        seen.firstUse(
            "bench-thumbprint:" + i + "-jti-of-an-earlier-proof", NOW + WINDOW_SECONDS + 1, NOW);
      }
    }
  }

  @Benchmark
  public String create(Exchange exchange) {
    return exchange.proof();
  }

  @Benchmark
  public PopVerifier.Verified verify(ExchangeWithFreshProof fresh) throws PopRefused {
    return fresh.exchange.verify(fresh.exchange.verifier(), fresh.proof);
  }

  @Benchmark
  public PopVerifier.Verified createAndVerify(Exchange exchange) throws PopRefused {
    return exchange.verify(exchange.verifier(), exchange.proof());
  }

  @Benchmark
  public PopVerifier.Verified createAndVerifyAtBar(Exchange exchange, AtBar atBar)
      throws PopRefused {
    return exchange.verify(atBar.verifier, exchange.proof());
  }
}
