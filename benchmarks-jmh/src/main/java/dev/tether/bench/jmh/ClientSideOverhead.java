package dev.tether.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * For attribution and profiling, not for the bar: the three arms of {@link WarmS3CallPaired},
 * interleaved the same way, on an HTTP client that answers at once ({@link
 * CannedResponseHttpClient}). Each call is then the SDK's client-side work alone: marshalling,
 * signing, Tether's hooks and whatever the SDK does with what they change. No network and no
 * server share the CPU, so {@code -prof gc} or a JFR profile shows where a difference comes from.
 * All arms read the same object.
 *
 * <p>The SDK alone takes ~15 s to JIT-compile here, hence the warm-up.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 10, time = 1)
public class ClientSideOverhead {

  /** The benchmark's clients on canned HTTP responses, by arm. */
  @State(Scope.Thread)
  public static class CannedArms {
    final S3Client[] clients = new S3Client[ArmTimes.ARMS];
    final GetObjectRequest[] requests = new GetObjectRequest[ArmTimes.ARMS];

    @Setup(Level.Trial)
    public void build(LoopbackAws aws, ToolScope tool) {
      // ToolScope's setup ran first (a dependency): the tool call holds its Vault key by now.
      ClientOverrideConfiguration none = ClientOverrideConfiguration.builder().build();
      ClientOverrideConfiguration tether =
          ClientOverrideConfiguration.builder().addExecutionInterceptor(aws.interceptor).build();
      clients[ArmTimes.WITHOUT_TETHER] =
          build(aws, aws.platformKey(), none, aws.stack.platformAccessKeyId());
      clients[ArmTimes.WITH_TETHER] = build(aws, aws.platformKey(), tether, aws.vaultKeyId);
      clients[ArmTimes.SESSION_KEY] = build(aws, aws.vaultSession(), none, aws.vaultKeyId);
      Arrays.fill(requests, aws.tetheredGet);
    }

    /** Builds a client and checks with one call that it signs with {@code expectedKeyId}. */
    private static S3Client build(
        LoopbackAws aws,
        AwsCredentialsProvider credentials,
        ClientOverrideConfiguration overrides,
        String expectedKeyId) {
      CannedResponseHttpClient http =
          new CannedResponseHttpClient(LoopbackAws.CONTENT.getBytes(StandardCharsets.UTF_8));
      S3Client client = aws.clientBuilder(credentials, overrides).httpClient(http).build();
      aws.read(client, aws.tetheredGet);
      if (!expectedKeyId.equals(http.lastAccessKeyId())) {
        throw new IllegalStateException(
            "a canned-response client signed with "
                + http.lastAccessKeyId()
                + " instead of "
                + expectedKeyId);
      }
      return client;
    }

    @TearDown(Level.Trial)
    public void close() {
      for (S3Client client : clients) {
        client.close();
      }
    }
  }

  @Benchmark
  public int allArms(LoopbackAws aws, CannedArms arms, ArmTimes times) {
    return times.timeOneRound(aws, arms.clients, arms.requests);
  }

  /**
   * The arms one at a time (select with JMH's benchmark regex), for {@code -prof gc}: the bytes each
   * arm allocates per call, which the interleaved benchmark can only give summed.
   */
  @Benchmark
  public byte[] withTetherAlone(LoopbackAws aws, CannedArms arms) {
    return aws.read(arms.clients[ArmTimes.WITH_TETHER], arms.requests[ArmTimes.WITH_TETHER]);
  }

  @Benchmark
  public byte[] sessionKeyAlone(LoopbackAws aws, CannedArms arms) {
    return aws.read(arms.clients[ArmTimes.SESSION_KEY], arms.requests[ArmTimes.SESSION_KEY]);
  }
}
