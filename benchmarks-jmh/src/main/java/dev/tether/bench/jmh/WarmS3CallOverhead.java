package dev.tether.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What Tether adds to a warm S3 call (DESIGN.md section 8: at most 2 %): one GetObject of a small
 * object from s3proxy on loopback, read fully, through a client without and one with Tether's
 * interceptor, both inside one tool call whose credentials are already cached. Each arm runs in
 * its own forks of the same JVM set-up; several forks per arm spread JVM-to-JVM variance over
 * both. bench/run-jmh.sh runs it and computes the ratio withTether / withoutTether.
 *
 * <p>Warm-up is long on purpose: with the client, s3proxy (Jetty, jclouds) and the Vault in one
 * JVM on 2 cores, the JIT keeps compiling for about 28 s (JMH {@code -prof comp} shows a compiler
 * thread busy through the first 13 two-second iterations) and the score only then drops from
 * ~450-650 to ~250-280 us. Shorter warm-ups measured the JIT, not the call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 8, time = 2)
public class WarmS3CallOverhead {

  /** The SDK alone, signing with the platform key. */
  @Benchmark
  public byte[] withoutTether(LoopbackAws aws, ToolScope tool) {
    return aws.read(aws.plain, aws.plainGet);
  }

  /** The same call with Tether's interceptor: decision, cached Vault key, signing check. */
  @Benchmark
  public byte[] withTether(LoopbackAws aws, ToolScope tool) {
    return aws.read(aws.tethered, aws.tetheredGet);
  }

  /**
   * Attribution, not part of the bar: no Tether, but signed with the tool call's session
   * credentials. withTether minus this is Tether's client-side work; this minus withoutTether is
   * what session credentials cost on loopback (token header, the local server's session lookup).
   */
  @Benchmark
  public byte[] sessionKeyWithoutTether(LoopbackAws aws, ToolScope tool) {
    return aws.read(aws.sessionKey, aws.sessionKeyGet);
  }
}
