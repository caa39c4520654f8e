package dev.tether.bench;

import dev.tether.core.scope.AwsScope;
import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.vault.ToolCatalogue;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The cost of a warm S3 call: many GetObject calls inside one tool call, against the embedded S3
 * server on loopback, timed in rounds. Run it with and without {@code -javaagent:tether-agent.jar}
 * and compare the medians (bench/run-benchmarks.sh does both, interleaved).
 *
 * <p>Prints one {@code NAME value} line per figure, for scripts. Exit status 0 when the run was
 * valid: with the agent every timed request carried a key the Vault issued for the tool; without
 * it, every timed request carried the platform key. 1 otherwise, 2 on bad arguments.
 */
public final class WarmS3CallBench {

  /** The Vault's catalogue: the one tool, as tether.yaml scopes it. */
  static final ToolCatalogue BENCH_TOOLS =
      ToolCatalogue.of(
          Map.of(
              "benchRead",
              new AwsScope(
                  List.of("s3:GetObject"), List.of("arn:aws:s3:::bench-data/${task.id}/*"))));

  static final String BUCKET = "bench-data";
  static final String TASK_ID = "t-bench";
  static final String KEY = TASK_ID + "/object.txt";
  static final String TOOL = "benchRead";
  static final String CONTENT = "A small object for the warm-call benchmark.\n";

  private WarmS3CallBench() {}

  public static void main(String[] args) {
    BenchSettings settings;
    try {
      settings = BenchSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(BenchSettings.USAGE);
      System.exit(2);
      return;
    }
    int status;
    try (LocalAwsStack stack = LocalAwsStack.start(BENCH_TOOLS)) {
      status = run(settings, stack);
    }
    // s3proxy and the Vault leave pool threads behind; the figures are printed, so end here.
    System.exit(status);
  }

  private static int run(BenchSettings settings, LocalAwsStack stack) {
    stack.seed(BUCKET, KEY, CONTENT);
    runtimeEnvironment(stack).forEach(System::setProperty);
    boolean agentAttached = tetherAttached();

    ReadTimings timings;
    try (S3Client s3 = s3Client(stack)) {
      BenchTools tools =
          new BenchTools(
              s3,
              BUCKET,
              KEY,
              CONTENT.getBytes(StandardCharsets.UTF_8).length,
              settings,
              () -> stack.requests().size());
      timings = tools.callBenchRead();
    }

    // Identifiers only: access key ids are not secrets.
    Set<String> vaultKeys =
        stack.vault().issuances().stream()
            .filter(issuance -> TOOL.equals(issuance.tool()) && TASK_ID.equals(issuance.taskId()))
            .map(issuance -> issuance.accessKeyId())
            .collect(Collectors.toSet());
    var timedRequests =
        stack.requests().subList(timings.firstTimedRequest(), timings.endTimedRequest());
    boolean allTimedRequestsSeen = timedRequests.size() == settings.timedCalls();
    boolean signedWithVaultKey =
        allTimedRequestsSeen
            && timedRequests.stream()
                .allMatch(r -> r.accepted() && vaultKeys.contains(r.accessKeyId()));
    boolean signedWithPlatformKey =
        allTimedRequestsSeen
            && timedRequests.stream()
                .allMatch(r -> r.accepted() && stack.platformAccessKeyId().equals(r.accessKeyId()));

    print("AGENT_ATTACHED", agentAttached);
    print("WARMUP_CALLS", settings.warmupCalls());
    print("ROUNDS", settings.rounds());
    print("CALLS_PER_ROUND", settings.callsPerRound());
    print("TOOL_ENTRY_US", micros(timings.toolEntryNanos()));
    print("FIRST_CALL_US", micros(timings.firstCallNanos()));
    for (double round : timings.roundMicrosPerCall()) {
      print("ROUND_US_PER_CALL", format(round));
    }
    print("MEDIAN_US_PER_CALL", format(timings.medianMicrosPerCall()));
    print("CPU_US_PER_CALL", format(timings.cpuMicrosPerCall()));
    print("TIMED_REQUESTS", timedRequests.size());
    print("VAULT_ISSUANCES", vaultKeys.size());
    print("SIGNED_WITH_VAULT_KEY", signedWithVaultKey);
    print("SIGNED_WITH_PLATFORM_KEY", signedWithPlatformKey);

    boolean valid = agentAttached ? signedWithVaultKey : signedWithPlatformKey;
    if (!valid) {
      System.err.println(
          agentAttached
              ? "The agent is attached, yet not every timed request was signed with a key the"
                  + " Vault issued for tool "
                  + TOOL
                  + ": the figures do not measure Tether's enforcement path."
              : "Without the agent every timed request should carry the platform key; some did"
                  + " not (or the server saw retries).");
    }
    return valid ? 0 : 1;
  }

  /**
   * What a runtime puts in the process, as DemoMain does: where the Vault is and the task grant
   * the orchestrator minted (the agent reads these at first use), and the broad platform key, which is what the SDK
   * signs with when no agent is attached.
   */
  private static Map<String, String> runtimeEnvironment(LocalAwsStack stack) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("tether.vault.url", stack.vault().url().toString());
    properties.put("tether.vault.token", stack.vault().agentToken());
    // The stack is this workload's launcher: its local attestor vouches for the agent's key.
    properties.putAll(stack.launch("pid " + ProcessHandle.current().pid()).systemProperties());
    properties.put(
        "tether.task.grant", stack.grantAllTools(TASK_ID, "bench", List.of("acme/bench")));
    properties.put("aws.accessKeyId", stack.platformAccessKeyId());
    properties.put("aws.secretAccessKey", stack.platformSecretAccessKey());
    return properties;
  }

  /** One client for all calls, with credentials from the SDK's default chain, as tools do. */
  private static S3Client s3Client(LocalAwsStack stack) {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(stack.s3Endpoint())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        // s3proxy does not check the checksums the SDK adds by default since 2.30.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  static boolean tetherAttached() {
    List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return jvmArguments.stream()
        .map(argument -> argument.toLowerCase(Locale.ROOT))
        .anyMatch(
            argument -> argument.startsWith("-javaagent:") && argument.contains("tether-agent"));
  }

  private static String micros(long nanos) {
    return format(nanos / 1_000.0);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static void print(String name, Object value) {
    System.out.println(name + " " + value);
  }
}
