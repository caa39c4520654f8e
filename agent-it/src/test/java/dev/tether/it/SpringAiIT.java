package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.it.apps.springai.SpringAiAgentApp;
import dev.tether.vault.ChainLink;
import dev.tether.vault.Issuance;
import dev.tether.vault.ToolCatalogue;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent as a real -javaagent on an agent built with Spring AI's {@code ChatClient}
 * and a scripted chat model: Spring AI's own loop ({@code ToolCallingAdvisor} in 2.x, the model
 * as a 1.x provider does) runs the tool calls through {@code DefaultToolCallingManager}, whose
 * {@code ToolCallback.call} opens one tool-call scope per call the model asked for (an {@code
 * @Tool} method, a {@code FunctionToolCallback} and the application's own callback alike); each
 * signs its S3 requests with a key the Vault issued for that call, the tool phase of each model
 * response is a turn holding exactly the tools it asked for, and a tool reaching for another
 * tool's object is refused inside the JVM. The scope follows the call onto other threads: the
 * streaming loop's {@code boundedElastic} threads and an executor a tool hands its work to. Runs
 * on the Spring AI version the build selected (default 2.0.1; {@code -Pspring-ai-1.0} for 1.0.0),
 * on Spring AI's own class path ({@link FrameworkClassPath}).
 */
class SpringAiIT {

  static final String TASK = "t-spring-ai";
  static LocalAwsStack stack;

  @BeforeAll
  static void startStack() {
    stack = LocalAwsStack.start(ToolCatalogue.read(Paths.get("src/test/resources/spring-ai-vault-tools.json")));
    stack.seed(SpringAiAgentApp.BUCKET, TASK + "/reports/r.txt", "reports");
    stack.seed(SpringAiAgentApp.BUCKET, TASK + "/ledger/l.txt", "ledger");
    stack.seed(SpringAiAgentApp.BUCKET, TASK + "/archive/a.txt", "archive");
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @Test
  void blockingLoopScopesEachToolCall() throws Exception {
    Run run = run("call");
    run.assertScopedPerCall();
    // The blocking loop runs the tools on the caller's thread.
    assertThat(run.threadOf("readReports/reports/r.txt")).isEqualTo("main");
    assertThat(run.threadOf("readLedger/ledger/l.txt")).isEqualTo("main");
  }

  @Test
  void streamingLoopScopesEachToolCallOnReactorThreads() throws Exception {
    Run run = run("stream");
    run.assertScopedPerCall();
    // ChatClient.stream() returned before any tool ran; the tool phase ran on boundedElastic.
    assertThat(run.threadOf("readReports/reports/r.txt")).as(run.result.all()).startsWith("boundedElastic-");
    assertThat(run.threadOf("readLedger/ledger/l.txt")).as(run.result.all()).startsWith("boundedElastic-");
  }

  private Run run(String mode) throws Exception {
    int issuedBefore = stack.vault().issuances().size();
    int receivedBefore = stack.requests().size();
    ForkedJvm jvm = new ForkedJvm(Paths.get(System.getProperty("java.home")));
    stack.launch("spring-ai test JVM").environment().forEach(jvm::env);
    jvm.env("OTEL_TRACES_EXPORTER", "console"); // the tool-call and turn derivations, counted below
    ForkedJvm.Result result =
        jvm.agentOptions("config=" + Paths.get("src/test/resources/spring-ai-tether.yaml").toAbsolutePath())
            .property("tether.vault.url", stack.vault().url())
            .property("tether.vault.token", stack.vault().agentToken())
            .property("tether.task.grant", stack.grantAllTools(TASK, "alice", List.of("acme/widgets")))
            .property("aws.accessKeyId", stack.platformAccessKeyId())
            .property("aws.secretAccessKey", stack.platformSecretAccessKey())
            .property("tether.debug", "true") // names every hooked class and method
            .runWithClassPath(
                FrameworkClassPath.of("spring-ai"),
                SpringAiAgentApp.class.getName(), stack.s3Endpoint().toString(), TASK, mode);
    List<Issuance> issued = List.copyOf(stack.vault().issuances().subList(issuedBefore, stack.vault().issuances().size()));
    List<ReceivedRequest> received = List.copyOf(stack.requests().subList(receivedBefore, stack.requests().size()));
    return new Run(result, issued, received);
  }

  private record Run(ForkedJvm.Result result, List<Issuance> issued, List<ReceivedRequest> received) {

    /** The thread the app printed for {@code step}'s S3 attempt. */
    String threadOf(String step) {
      return result.lines("STEP " + step + " ").stream()
          .map(line -> line.split(" ", 5)[3])
          .findFirst()
          .orElseThrow(() -> new AssertionError("no STEP " + step + "\n" + result.all()));
    }

    /** The methods the agent wove into {@code className}, as {@code -Dtether.debug} names them. */
    String hooked(String className) {
      String prefix = "[tether] hooked " + className + " [";
      return result.stderr().lines()
          .filter(line -> line.startsWith(prefix))
          .map(line -> line.substring(prefix.length(), line.indexOf("] on ")))
          .findFirst()
          .orElse("(not hooked)");
    }

    void assertHooks() {
      String call = "call(Ljava/lang/String;)Ljava/lang/String;";
      String callWithContext = "call(Ljava/lang/String;Lorg/springframework/ai/chat/model/ToolContext;)Ljava/lang/String;";
      assertThat(hooked("org.springframework.ai.tool.ToolCallback")).isEqualTo(callWithContext);
      assertThat(hooked("org.springframework.ai.tool.method.MethodToolCallback").split(", "))
          .containsExactlyInAnyOrder(call, callWithContext);
      assertThat(hooked("org.springframework.ai.tool.function.FunctionToolCallback").split(", "))
          .containsExactlyInAnyOrder(call, callWithContext);
      assertThat(hooked("org.springframework.ai.model.tool.DefaultToolCallingManager"))
          .isEqualTo(
              "executeToolCalls(Lorg/springframework/ai/chat/prompt/Prompt;Lorg/springframework/ai/chat/model/ChatResponse;)Lorg/springframework/ai/model/tool/ToolExecutionResult;");
      // The application's callback implements only call(String): it is reached through the default.
      assertThat(hooked(SpringAiAgentApp.ArchiveCallback.class.getName())).isEqualTo("(not hooked)");
    }

    void assertScopedPerCall() {
      String version = FrameworkClassPath.release("spring-ai");
      assertThat(result.exitCode()).as("Spring AI %s\n%s", version, result.all()).isZero();
      Map<String, String> steps = AwsSdkEnforcementIT.steps(result);
      assertThat(steps).as(result.all())
          .containsEntry("readReports/reports/r.txt", "ALLOWED")
          .containsEntry("readLedger/ledger/l.txt", "ALLOWED")
          .containsEntry("readArchive/archive/a.txt", "ALLOWED")
          .containsEntry("readReports/ledger/l.txt", "REFUSED")
          .containsEntry("unlisted/reports/r.txt", "REFUSED");
      // readArchive's read ran on the executor it handed the work to: its scope went along.
      assertThat(threadOf("readArchive/archive/a.txt")).isEqualTo(SpringAiAgentApp.ARCHIVE_WORKER);
      assertThat(result.stdout())
          .contains("in tool 'readReports': outside the tool's scope")
          .contains("ANSWER done after 2 tool rounds");
      assertThat(result.stderr())
          .containsOnlyOnce("Spring AI tool 'unlisted' has no entry under 'tools:'")
          .doesNotContain("[tether] Spring AI (") // every hooked dispatcher is present
          .doesNotContain("could not hook")
          .doesNotContain("whose tool calls Tether cannot read");

      // One scope per call the model asked for, though each passes several hooks (call(String,
      // ToolContext), call(String), the @Tool method): one tool-call derivation each.
      List<String> derivations = result.stderr().lines().filter(l -> l.contains("tether.layer=tool_call")).toList();
      assertThat(derivations).as(result.all()).hasSize(4);
      Map<String, Long> derivationsByTool = Map.of("readReports", 2L, "readLedger", 1L, "readArchive", 1L);
      derivationsByTool.forEach((tool, count) -> assertThat(derivations)
          .as("derivations of %s among %s", tool, derivations)
          .filteredOn(l -> l.matches(".*tether\\.tool=" + tool + "[,}].*"))
          .hasSize(count.intValue()));
      // One turn per model response with tool calls (the tool phase), none for the final answer.
      assertThat(result.stderr().lines().filter(l -> l.contains("tether.narrowed=tool-phase")))
          .as(result.all()).hasSize(2);

      // One key per tool call that reached S3, issued for the tool the model asked for.
      assertThat(issued).as(result.all()).extracting(Issuance::tool)
          .containsExactlyInAnyOrder("readReports", "readLedger", "readArchive");
      assertThat(issued).extracting(Issuance::callId).doesNotHaveDuplicates();
      assertThat(issued).extracting(Issuance::accessKeyId).doesNotHaveDuplicates();
      Map<String, Issuance> byTool = issued.stream().collect(Collectors.toMap(Issuance::tool, i -> i));

      // The first response's tool phase is one turn, holding exactly the two tools it asked for.
      Issuance reports = byTool.get("readReports");
      Issuance ledger = byTool.get("readLedger");
      assertThat(reports.turnId()).isNotNull().isEqualTo(ledger.turnId());
      assertThat(turnLayer(reports).tools()).containsExactlyInAnyOrder("readReports", "readLedger");
      // The second response's turn is another one, without readLedger.
      Issuance archive = byTool.get("readArchive");
      assertThat(archive.turnId()).isNotEqualTo(reports.turnId());
      assertThat(turnLayer(archive).tools()).contains("readArchive").doesNotContain("readLedger");

      // The server saw each object read with its own tool call's key, and nothing else.
      Map<String, String> toolByKey = issued.stream().collect(Collectors.toMap(Issuance::accessKeyId, Issuance::tool));
      assertThat(received).isNotEmpty()
          .allSatisfy(r -> assertThat(toolByKey).as("request %s signed with an unknown key", r).containsKey(r.accessKeyId()));
      Map<String, Set<String>> toolsByObject = received.stream().collect(Collectors.groupingBy(
          ReceivedRequest::key, Collectors.mapping(r -> toolByKey.get(r.accessKeyId()), Collectors.toSet())));
      assertThat(toolsByObject.get(TASK + "/reports/r.txt")).containsExactly("readReports");
      assertThat(toolsByObject.get(TASK + "/ledger/l.txt")).containsExactly("readLedger");
      assertThat(toolsByObject.get(TASK + "/archive/a.txt")).containsExactly("readArchive");
      // readReports' attempt on the ledger and unlisted's read never left the JVM.
      assertThat(received.stream().filter(r -> r.targets(SpringAiAgentApp.BUCKET, TASK + "/ledger/l.txt"))).hasSize(1);
      assertThat(received.stream().filter(r -> r.targets(SpringAiAgentApp.BUCKET, TASK + "/reports/r.txt"))).hasSize(1);
      assertHooks();
    }

    private static ChainLink turnLayer(Issuance issuance) {
      return issuance.layers().stream().filter(l -> l.layer().equals("turn")).findFirst().orElseThrow();
    }
  }
}
