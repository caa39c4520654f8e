package dev.tether.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.langchain4j.agent.tool.Tool;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The benchmark's one tool. Like the demo's tools it knows nothing of Tether: it reads one object
 * with the SDK's default credentials. All timed calls happen inside one tool call, so with the
 * agent every timed call after the first reuses the credentials the tool already obtained.
 */
public final class BenchTools {

  private final S3Client s3;
  private final GetObjectRequest request;
  private final int expectedLength;
  private final BenchSettings settings;
  private final IntSupplier requestsSeenByServer;
  // CPU time of the whole process: the client, the S3 server and the Vault share it, and so do
  // the agent's hooks wherever they run. Less disturbed by other processes than wall time.
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long calledAt;

  BenchTools(
      S3Client s3,
      String bucket,
      String key,
      int expectedLength,
      BenchSettings settings,
      IntSupplier requestsSeenByServer) {
    this.s3 = s3;
    this.request = GetObjectRequest.builder().bucket(bucket).key(key).build();
    this.expectedLength = expectedLength;
    this.settings = settings;
    this.requestsSeenByServer = requestsSeenByServer;
  }

  /** Calls {@link #benchRead()} and notes when, so the tool's entry cost can be measured. */
  ReadTimings callBenchRead() {
    calledAt = System.nanoTime();
    return benchRead();
  }

  @Tool("Reads the benchmark object over and over, timing rounds of calls")
  public ReadTimings benchRead() {
    long enteredAt = System.nanoTime();
    long toolEntryNanos = enteredAt - calledAt;

    long firstCallStart = System.nanoTime();
    getObject();
    long firstCallNanos = System.nanoTime() - firstCallStart;
    for (int i = 1; i < settings.warmupCalls(); i++) {
      getObject();
    }

    int firstTimedRequest = requestsSeenByServer.getAsInt();
    List<Double> rounds = new ArrayList<>(settings.rounds());
    // The process CPU clock ticks coarsely (10 ms here): read it once around all rounds.
    long cpuStart = os.getProcessCpuTime();
    for (int round = 0; round < settings.rounds(); round++) {
      long start = System.nanoTime();
      for (int call = 0; call < settings.callsPerRound(); call++) {
        getObject();
      }
      long elapsed = System.nanoTime() - start;
      rounds.add(elapsed / 1_000.0 / settings.callsPerRound());
    }
    long cpuNanos = os.getProcessCpuTime() - cpuStart;
    int endTimedRequest = requestsSeenByServer.getAsInt();
    return new ReadTimings(
        toolEntryNanos,
        firstCallNanos,
        rounds,
        cpuNanos / 1_000.0 / settings.timedCalls(),
        firstTimedRequest,
        endTimedRequest);
  }

  private void getObject() {
    ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(request);
    if (object.asByteArrayUnsafe().length != expectedLength) {
      throw new IllegalStateException(
          "GetObject returned "
              + object.asByteArrayUnsafe().length
              + " bytes, expected "
              + expectedLength);
    }
  }
}
