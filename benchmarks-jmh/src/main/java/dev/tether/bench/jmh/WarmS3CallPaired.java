package dev.tether.bench.jmh;

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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * The arms of {@link WarmS3CallOverhead} interleaved call by call in one JVM ({@link ArmTimes}).
 * Whatever disturbs the machine during an iteration (other processes, GC, the JIT) then weighs on
 * every arm alike, so per-iteration ratios between arms are far steadier than the ratio of two
 * separately forked means. The primary score (all three calls) is of no interest by itself.
 *
 * <p>Arms: withoutTether (platform key, no interceptor), withTether (Tether's interceptor, the tool
 * call's Vault key) and sessionKey (no interceptor, signed with the same Vault session
 * credentials: what session credentials cost on loopback without any of Tether's work).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 8, time = 2)
public class WarmS3CallPaired {

  /** The loopback clients and their requests, by arm. */
  @State(Scope.Thread)
  public static class LoopbackArms {
    final S3Client[] clients = new S3Client[ArmTimes.ARMS];
    final GetObjectRequest[] requests = new GetObjectRequest[ArmTimes.ARMS];

    @Setup(Level.Trial)
    public void collect(LoopbackAws aws, ToolScope tool) {
      // ToolScope's setup ran first (a dependency): the session-key client exists by now.
      clients[ArmTimes.WITHOUT_TETHER] = aws.plain;
      clients[ArmTimes.WITH_TETHER] = aws.tethered;
      clients[ArmTimes.SESSION_KEY] = aws.sessionKey;
      requests[ArmTimes.WITHOUT_TETHER] = aws.plainGet;
      requests[ArmTimes.WITH_TETHER] = aws.tetheredGet;
      requests[ArmTimes.SESSION_KEY] = aws.sessionKeyGet;
    }
  }

  @Benchmark
  public int allArms(LoopbackAws aws, LoopbackArms arms, ArmTimes times) {
    return times.timeOneRound(aws, arms.clients, arms.requests);
  }
}
