package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.it.apps.S3ToolApp;
import dev.tether.vault.Issuance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged agent as a real -javaagent, in a forked JVM, against an application built here:
 * every tool call's S3 requests reach a real s3proxy signed with a key the Vault issued for that
 * call; out-of-scope and outside-tool attempts are refused and never reach the server. Runs on
 * every JDK found (17 and Temurin 25), with the AWS SDK version the build selected.
 */
class AwsSdkEnforcementIT {

  static final String TASK = "t-it-1";
  static LocalAwsStack stack;

  @BeforeAll
  static void startStack() {
    stack = LocalAwsStack.start(ForkedJvm.itTools());
    stack.seed(S3ToolApp.BUCKET, TASK + "/own.txt", "own data");
    stack.seed(S3ToolApp.BUCKET, "t-other/secret.txt", "someone else's");
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  static List<Path> javaHomes() {
    return ForkedJvm.javaHomes();
  }

  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("javaHomes")
  void everyToolCallSignsWithItsOwnVaultIssuedKey(Path javaHome) throws Exception {
    int issuedBefore = stack.vault().issuances().size();
    int receivedBefore = stack.requests().size();
    ForkedJvm.Result result = new ForkedJvm(javaHome).runS3ToolApp(stack, TASK);

    assertThat(result.exitCode()).as(result.all()).isZero();
    Map<String, String> steps = steps(result);
    assertThat(steps).as(result.all())
        .containsEntry("readOwn/own", "ALLOWED")
        .containsEntry("readOwn/other-task", "REFUSED")
        .containsEntry("readOwnAsync/own", "ALLOWED")
        .containsEntry("readOwnAsync/other-task", "REFUSED")
        .containsEntry("readViaExecutors/completable-future", "ALLOWED")
        .containsEntry("readViaExecutors/executor", "ALLOWED")
        .containsEntry("writeReport/own", "ALLOWED")
        .containsEntry("writeReport/read-not-allowed", "REFUSED")
        .containsEntry("credentialsInsideTool/default-chain", "ALLOWED")
        .containsEntry("readWithStaticKey/own", "ALLOWED")
        .containsEntry("readWithStaticKey/no-platform-key", "ALLOWED")
        .containsEntry("readWithStaticKey/legacy-signer", "ALLOWED")
        .containsEntry("readWithStaticKey/own-override", "ALLOWED")
        .containsEntry("readWithStaticKey/crt", crtTakesCredentialsPerRequest() ? "ALLOWED" : "REFUSED")
        .containsEntry("readWithStaticKey/crt-other-task", "REFUSED")
        .containsEntry("outside/crt", "REFUSED")
        .containsEntry("readWithStaticKey/presign-own", "ALLOWED")
        .containsEntry("readWithStaticKey/presign-other-task", "REFUSED")
        .containsEntry("outside/presign", "REFUSED")
        .containsEntry("outside/fetch-presigned", "ALLOWED")
        .containsEntry("outside/get", "REFUSED")
        .containsEntry("outside/static-key", "REFUSED")
        .containsEntry("outside/no-platform-key", "REFUSED")
        .containsEntry("outside/async", "REFUSED")
        .containsEntry("outside/legacy-signer", "REFUSED")
        .containsEntry("outside/default-chain", "REFUSED");
    assertThat(result.stdout()).contains("STEP readOwn/other-task REFUSED Tether refused s3:GetObject on arn:aws:s3:::it-data/t-other/secret.txt in tool 'readOwn': outside the tool's scope");
    assertThat(result.stdout()).contains("STEP readWithStaticKey/presign-other-task REFUSED Tether refused s3:GetObject on arn:aws:s3:::it-data/t-other/secret.txt in tool 'readWithStaticKey': outside the tool's scope");
    assertThat(result.stdout()).contains("STEP outside/get REFUSED Tether refused s3:GetObject on arn:aws:s3:::it-data/t-it-1/own.txt: the request was made outside any tool call");

    List<Issuance> issued = stack.vault().issuances().subList(issuedBefore, stack.vault().issuances().size());
    Map<String, Issuance> byKey = issued.stream().collect(Collectors.toMap(Issuance::accessKeyId, i -> i));
    List<ReceivedRequest> received = stack.requests().subList(receivedBefore, stack.requests().size());

    // Each tool call got its own key, issued for that tool and this task, with the tool's policy.
    assertThat(issued).extracting(Issuance::tool)
        .containsExactlyInAnyOrder(
            "readOwn", "readWithStaticKey", "readOwnAsync", "readViaExecutors", "writeReport", "credentialsInsideTool");
    assertThat(issued).extracting(Issuance::callId).doesNotHaveDuplicates();
    assertThat(issued).allSatisfy(i -> {
      assertThat(i.taskId()).isEqualTo(TASK);
      assertThat(i.accessKeyId()).startsWith("ASIA");
    });
    assertThat(byKey.values().stream().filter(i -> i.tool().equals("writeReport")).findFirst().orElseThrow().policyJson())
        .contains("s3:PutObject").contains("arn:aws:s3:::it-data/t-it-1/out/*");

    if (!crtTakesCredentialsPerRequest()) {
      assertThat(result.stdout()).contains("STEP readWithStaticKey/crt REFUSED Tether stopped S3.GetObject: the CRT-based S3 client of this AWS SDK release signs with the credentials it was built with");
    }
    // The presigned URL carries the key issued for that tool call, not the presigner's own.
    String presignLine = result.lines("STEP readWithStaticKey/presign-own ").get(0);
    String presignKey = presignLine.substring(presignLine.lastIndexOf(' ') + 1);
    assertThat(byKey).as(presignLine).containsKey(presignKey);
    assertThat(byKey.get(presignKey).tool()).isEqualTo("readWithStaticKey");

    // Every request the server received was signed with a Vault-issued key; none with the platform key.
    assertThat(received).isNotEmpty();
    assertThat(received).allSatisfy(r -> assertThat(byKey).as("request %s signed with an unknown key", r).containsKey(r.accessKeyId()));
    Map<String, Set<String>> toolsByObject = received.stream().collect(Collectors.groupingBy(
        r -> r.bucket() + "/" + r.key(), Collectors.mapping(r -> byKey.get(r.accessKeyId()).tool(), Collectors.toSet())));
    assertThat(toolsByObject.get(S3ToolApp.BUCKET + "/" + TASK + "/own.txt"))
        .containsExactlyInAnyOrder("readOwn", "readWithStaticKey", "readOwnAsync", "readViaExecutors");
    assertThat(toolsByObject.get(S3ToolApp.BUCKET + "/" + TASK + "/out/report.txt")).containsExactly("writeReport");
    // The refused attempts never reached the server.
    assertThat(received).noneMatch(r -> r.targets(S3ToolApp.BUCKET, "t-other/secret.txt"));
  }

  /**
   * With S3 listed in {@code outside-tools.ambient-services}, SDK requests outside any tool sign
   * with the platform's own key, whichever way the client gets it, while tool calls still sign
   * with theirs and a direct ask of the default chain outside a tool is still refused.
   */
  @Test
  void outsideToolsAListedServiceSignsWithThePlatformKey(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("ambient-s3.yaml");
    String deny = "outside-tools:\n  aws: deny\n";
    String base = Files.readString(Path.of("src/test/resources/it-tether.yaml"));
    assertThat(base).contains(deny);
    Files.writeString(
        config, base.replace(deny, "outside-tools:\n  aws: ambient\n  ambient-services: [s3]\n"));
    int receivedBefore = stack.requests().size();
    ForkedJvm.Result result =
        new ForkedJvm(ForkedJvm.javaHomes().get(0)).runS3ToolApp(stack, TASK, config);

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(steps(result)).as(result.all())
        .containsEntry("readOwn/own", "ALLOWED")
        .containsEntry("readWithStaticKey/own", "ALLOWED")
        .containsEntry("readWithStaticKey/legacy-signer", "ALLOWED")
        .containsEntry("outside/get", "ALLOWED")
        .containsEntry("outside/static-key", "ALLOWED")
        .containsEntry("outside/legacy-signer", "ALLOWED")
        .containsEntry("outside/async", "ALLOWED")
        .containsEntry("outside/crt", "ALLOWED")
        .containsEntry("outside/no-platform-key", "FAILED")
        .containsEntry("outside/default-chain", "REFUSED");
    List<ReceivedRequest> received = stack.requests().subList(receivedBefore, stack.requests().size());
    Set<String> platformSigned = received.stream()
        .filter(r -> r.accessKeyId().equals(stack.platformAccessKeyId()))
        .map(ReceivedRequest::key)
        .collect(Collectors.toSet());
    // The five outside reads, and nothing a tool sent.
    assertThat(received.stream().filter(r -> r.accessKeyId().equals(stack.platformAccessKeyId())))
        .hasSize(5);
    assertThat(platformSigned).containsExactly(TASK + "/own.txt");
  }

  /** Whether this SDK release's CRT-based S3 client signs with credentials given per request. */
  static boolean crtTakesCredentialsPerRequest() {
    try {
      Class.forName("software.amazon.awssdk.services.s3.internal.crt.S3InternalSdkHttpExecutionAttribute")
          .getField("CRT_CREDENTIALS_PROVIDER_ADAPTER");
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  static Map<String, String> steps(ForkedJvm.Result result) {
    Map<String, String> steps = new LinkedHashMap<>();
    for (String line : result.lines("STEP ")) {
      String[] parts = line.split(" ", 4);
      steps.put(parts[1], parts[2]);
    }
    return steps;
  }
}
