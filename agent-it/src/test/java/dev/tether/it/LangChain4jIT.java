package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.it.apps.LangChain4jAgentApp;
import dev.tether.vault.ChainLink;
import dev.tether.vault.Issuance;
import dev.tether.vault.ToolCatalogue;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged agent as a real -javaagent on an agent built with LangChain4j's {@code AiServices}
 * and a scripted chat model: the framework's dispatcher opens one tool-call scope per call the
 * model asked for (an {@code @Tool} method or a tool built in code alike), each signs its S3
 * requests with a key the Vault issued for that call, the tool phase of each model response is a
 * turn holding exactly the tools it asked for, and a tool reaching for another tool's object is
 * refused inside the JVM. Runs on the LangChain4j version the build selected (default 1.19.0;
 * {@code -Plangchain4j-1.0} for 1.0.0).
 */
class LangChain4jIT {

  static final String TASK = "t-lc4j";
  static LocalAwsStack stack;

  @BeforeAll
  static void startStack() {
    stack = LocalAwsStack.start(ToolCatalogue.read(Paths.get("src/test/resources/langchain4j-vault-tools.json")));
    stack.seed(LangChain4jAgentApp.BUCKET, TASK + "/reports/r.txt", "reports");
    stack.seed(LangChain4jAgentApp.BUCKET, TASK + "/ledger/l.txt", "ledger");
    stack.seed(LangChain4jAgentApp.BUCKET, TASK + "/archive/a.txt", "archive");
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  static List<Path> javaHomes() {
    return ForkedJvm.javaHomes();
  }

  /** LangChain4j 1.x after 1.0: ToolService has the dispatcher, the tool phase and concurrency. */
  static boolean hasDispatcher() {
    try {
      Class.forName("dev.langchain4j.service.tool.ToolService")
          .getMethod("executeWithErrorHandling",
              Class.forName("dev.langchain4j.agent.tool.ToolExecutionRequest"),
              Class.forName("dev.langchain4j.service.tool.ToolExecutor"),
              Class.forName("dev.langchain4j.invocation.InvocationContext"),
              Class.forName("dev.langchain4j.service.tool.ToolArgumentsErrorHandler"),
              Class.forName("dev.langchain4j.service.tool.ToolExecutionErrorHandler"));
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  @Test
  void sequentialToolCallsEachGetTheirOwnScope() throws Exception {
    Run run = run(Paths.get(System.getProperty("java.home")), "sequential");
    run.assertScopedPerCall();
  }

  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("javaHomes")
  void parallelToolCallsGetOneScopeEach(Path javaHome) throws Exception {
    assumeTrue(hasDispatcher(), "LangChain4j " + System.getProperty("langchain4j.version") + " has no executeToolsConcurrently");
    Run run = run(javaHome, "concurrent");
    // Both first-round tools waited for each other: they ran at the same time, on executor threads.
    assertThat(run.result.lines("MET ")).as(run.result.all()).hasSize(2)
        .noneMatch(line -> line.endsWith(" main"));
    run.assertScopedPerCall();
  }

  private Run run(Path javaHome, String mode) throws Exception {
    int issuedBefore = stack.vault().issuances().size();
    int receivedBefore = stack.requests().size();
    ForkedJvm jvm = new ForkedJvm(javaHome);
    stack.launch("langchain4j test JVM").environment().forEach(jvm::env);
    jvm.env("OTEL_TRACES_EXPORTER", "console"); // the tool-call derivations, counted below
    ForkedJvm.Result result =
        jvm.agentOptions("config=" + Paths.get("src/test/resources/langchain4j-tether.yaml").toAbsolutePath())
            .property("tether.vault.url", stack.vault().url())
            .property("tether.vault.token", stack.vault().agentToken())
            .property("tether.task.grant", stack.grantAllTools(TASK, "alice", List.of("acme/widgets")))
            .property("aws.accessKeyId", stack.platformAccessKeyId())
            .property("aws.secretAccessKey", stack.platformSecretAccessKey())
            .runMain(LangChain4jAgentApp.class.getName(), stack.s3Endpoint().toString(), TASK, mode);
    List<Issuance> issued = List.copyOf(stack.vault().issuances().subList(issuedBefore, stack.vault().issuances().size()));
    List<ReceivedRequest> received = List.copyOf(stack.requests().subList(receivedBefore, stack.requests().size()));
    return new Run(result, issued, received);
  }

  private record Run(ForkedJvm.Result result, List<Issuance> issued, List<ReceivedRequest> received) {

    void assertScopedPerCall() {
      assertThat(result.exitCode()).as(result.all()).isZero();
      Map<String, String> steps = AwsSdkEnforcementIT.steps(result);
      boolean dispatcher = hasDispatcher();
      assertThat(steps).as(result.all())
          .containsEntry("readReports/reports/r.txt", "ALLOWED")
          .containsEntry("readLedger/ledger/l.txt", "ALLOWED")
          .containsEntry("readReports/ledger/l.txt", "REFUSED")
          .containsEntry("unlisted/reports/r.txt", "REFUSED")
          // A tool built in code (a ToolExecutor lambda) is reached only through the dispatcher;
          // LangChain4j 1.0 has none to hook, so it runs outside any tool: refused, never unscoped.
          .containsEntry("readArchive/archive/a.txt", dispatcher ? "ALLOWED" : "REFUSED");
      assertThat(result.stdout())
          .contains("in tool 'readReports': outside the tool's scope")
          .contains("STEP unlisted/reports/r.txt REFUSED")
          .contains("ANSWER done after 2 tool rounds");
      assertThat(result.stderr())
          .containsOnlyOnce("LangChain4j tool 'unlisted' has no entry under 'tools:'");
      // A release without the dispatcher is named once, as the framework loads: never silent.
      String missing = "[tether] LangChain4j (langchain4j-" + System.getProperty("langchain4j.version")
          + ".jar): dev.langchain4j.service.tool.ToolService has none of the methods Tether hooks.";
      if (dispatcher) {
        assertThat(result.stderr()).doesNotContain("[tether] LangChain4j (");
      } else {
        assertThat(result.stderr()).containsOnlyOnce(missing);
      }

      // One scope per call the model asked for, though each passes several hooks (dispatcher,
      // executor, @Tool method): one tool-call derivation each, under the model's call id.
      List<String> derivations = result.stderr().lines().filter(l -> l.contains("tether.layer=tool_call")).toList();
      List<String> callIds = dispatcher ? List.of("c1", "c2", "c3", "c4") : List.of("c1", "c2", "c4");
      assertThat(derivations).as(result.all()).hasSize(callIds.size());
      for (String id : callIds) {
        assertThat(derivations).as("call %s among %s", id, derivations).filteredOn(l -> l.matches(".*gen_ai\\.tool\\.call\\.id=" + id + "[,}].*")).hasSize(1);
      }

      // One key per tool call, issued for the tool the model asked for.
      Set<String> expectedTools = dispatcher
          ? Set.of("readReports", "readLedger", "readArchive")
          : Set.of("readReports", "readLedger");
      assertThat(issued).as(result.all()).extracting(Issuance::tool)
          .containsExactlyInAnyOrderElementsOf(expectedTools);
      assertThat(issued).extracting(Issuance::callId).doesNotHaveDuplicates();
      assertThat(issued).extracting(Issuance::accessKeyId).doesNotHaveDuplicates();
      Map<String, Issuance> byTool = issued.stream().collect(Collectors.toMap(Issuance::tool, i -> i));

      if (dispatcher) {
        // The first response's tool phase is one turn, holding exactly the two tools it asked for.
        Issuance reports = byTool.get("readReports");
        Issuance ledger = byTool.get("readLedger");
        assertThat(reports.turnId()).isNotNull().isEqualTo(ledger.turnId());
        assertThat(turnLayer(reports).tools()).containsExactlyInAnyOrder("readReports", "readLedger");
        // The second response's turn is another one, without readLedger.
        Issuance archive = byTool.get("readArchive");
        assertThat(archive.turnId()).isNotEqualTo(reports.turnId());
        assertThat(turnLayer(archive).tools()).contains("readArchive").doesNotContain("readLedger");
      }

      // The server saw each object read with its own tool call's key, and nothing else.
      Map<String, String> toolByKey = issued.stream().collect(Collectors.toMap(Issuance::accessKeyId, Issuance::tool));
      assertThat(received).isNotEmpty()
          .allSatisfy(r -> assertThat(toolByKey).as("request %s signed with an unknown key", r).containsKey(r.accessKeyId()));
      Map<String, Set<String>> toolsByObject = received.stream().collect(Collectors.groupingBy(
          ReceivedRequest::key, Collectors.mapping(r -> toolByKey.get(r.accessKeyId()), Collectors.toSet())));
      assertThat(toolsByObject.get(TASK + "/reports/r.txt")).containsExactly("readReports");
      assertThat(toolsByObject.get(TASK + "/ledger/l.txt")).containsExactly("readLedger");
      // readReports' attempt on the ledger and unlisted's read never left the JVM.
      assertThat(received.stream().filter(r -> r.targets(LangChain4jAgentApp.BUCKET, TASK + "/ledger/l.txt"))).hasSize(1);
      assertThat(received.stream().filter(r -> r.targets(LangChain4jAgentApp.BUCKET, TASK + "/reports/r.txt"))).hasSize(1);
      if (dispatcher) {
        assertThat(toolsByObject.get(TASK + "/archive/a.txt")).containsExactly("readArchive");
      } else {
        assertThat(toolsByObject).doesNotContainKey(TASK + "/archive/a.txt");
      }
    }

    private static ChainLink turnLayer(Issuance issuance) {
      return issuance.layers().stream().filter(l -> l.layer().equals("turn")).findFirst().orElseThrow();
    }
  }
}
