package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.it.apps.GoogleAdkAgentApp;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged agent as a real -javaagent on an agent built with Google ADK ({@code LlmAgent},
 * {@code InMemoryRunner}, {@code FunctionTool}s) and a scripted model: ADK's own flow dispatches
 * each function call through {@code BaseTool.runAsync}, which opens one tool-call scope that stays
 * open until the {@code Single} it returned ends. Two calls of one response run at the same time
 * (ADK's default parallel mode, on {@code Schedulers.io()}) and each signs its S3 request with a
 * key the Vault issued for that call, though the request runs after the tool's method returned; a
 * tool reaching for another tool's object, or one with no configured entry, is refused inside the
 * JVM. Runs on the ADK release the build selected (default 1.8.0; {@code -Pgoogle-adk-oldest} for
 * 0.1.0), on ADK's own class path ({@link FrameworkClassPath}).
 */
class GoogleAdkIT {

  static final String TASK = "t-adk";
  static LocalAwsStack stack;

  @BeforeAll
  static void startStack() {
    stack = LocalAwsStack.start(ToolCatalogue.read(Paths.get("src/test/resources/agent-frameworks-vault-tools.json")));
    stack.seed(GoogleAdkAgentApp.BUCKET, TASK + "/reports/r.txt", "reports");
    stack.seed(GoogleAdkAgentApp.BUCKET, TASK + "/ledger/l.txt", "ledger");
    stack.seed(GoogleAdkAgentApp.BUCKET, TASK + "/archive/a.txt", "archive");
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
  void eachFunctionCallGetsItsOwnScopeUntilItsSingleEnds(Path javaHome) throws Exception {
    String classPath = FrameworkClassPath.of("google-adk", GoogleAdkAgentApp.class);
    int issuedBefore = stack.vault().issuances().size();
    int receivedBefore = stack.requests().size();
    ForkedJvm jvm = new ForkedJvm(javaHome);
    stack.launch("google-adk test JVM").environment().forEach(jvm::env);
    jvm.env("OTEL_TRACES_EXPORTER", "console"); // the tool-call derivations, counted below
    ForkedJvm.Result result =
        jvm.agentOptions("config=" + Paths.get("src/test/resources/google-adk-tether.yaml").toAbsolutePath())
            .property("tether.vault.url", stack.vault().url())
            .property("tether.vault.token", stack.vault().agentToken())
            .property("tether.task.grant", stack.grantAllTools(TASK, "alice", List.of("acme/widgets")))
            .property("aws.accessKeyId", stack.platformAccessKeyId())
            .property("aws.secretAccessKey", stack.platformSecretAccessKey())
            .runWithClassPath(classPath, GoogleAdkAgentApp.class.getName(), stack.s3Endpoint().toString(), TASK);
    List<Issuance> issued = List.copyOf(stack.vault().issuances().subList(issuedBefore, stack.vault().issuances().size()));
    List<ReceivedRequest> received = List.copyOf(stack.requests().subList(receivedBefore, stack.requests().size()));

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(AwsSdkEnforcementIT.steps(result)).as(result.all())
        .containsEntry("readReports/reports/r.txt", "ALLOWED")
        .containsEntry("readLedger/ledger/l.txt", "ALLOWED")
        .containsEntry("readArchive/archive/a.txt", "ALLOWED")
        .containsEntry("readReports/ledger/l.txt", "REFUSED")
        .containsEntry("unlisted/reports/r.txt", "REFUSED");
    assertThat(result.stdout())
        .contains("in tool 'readReports': outside the tool's scope")
        .contains("ANSWER done after 2 tool rounds");

    // The first response's two calls ran at the same time (each waited for the other), on RxJava's
    // io threads, after runAsync and the tool's method had returned on the flow's thread.
    assertThat(result.lines("MET ")).as(result.all()).hasSize(2)
        .allMatch(line -> line.contains(" RxCachedThreadScheduler-"));
    List<String> lines = result.stdout().lines().toList();
    for (String call : List.of("readReports/reports/r.txt", "readLedger/ledger/l.txt")) {
      int returned = indexOf(lines, "RETURNED " + call + " ");
      int step = indexOf(lines, "STEP " + call + " ");
      assertThat(returned).as(result.all()).isNotNegative().isLessThan(step);
      assertThat(lines.get(step)).contains(" RxCachedThreadScheduler-");
    }

    assertThat(result.stderr()).as(result.all())
        .containsOnlyOnce("Google ADK tool 'unlisted' has no entry under 'tools:'")
        .doesNotContain("[tether] Google ADK (") // the dispatcher was found: nothing to report
        .doesNotContain("(it runs unhooked)");

    // One scope per function call (c1 to c4; c5 names no configured tool), each ended by the
    // Single runAsync returned, not by runAsync's return.
    List<String> derivations = result.stderr().lines().filter(l -> l.contains("tether.layer=tool_call")).toList();
    assertThat(derivations).as(result.all()).hasSize(4)
        .allMatch(l -> l.contains("tether.tool.deferred=io.reactivex.rxjava3.core.Single"));
    assertThat(derivations).filteredOn(l -> l.contains("tether.tool=readReports")).hasSize(2);
    assertThat(derivations).filteredOn(l -> l.contains("tether.tool=readLedger")).hasSize(1);
    assertThat(derivations).filteredOn(l -> l.contains("tether.tool=readArchive")).hasSize(1);

    // One key per tool call that reached S3, issued for the tool the model asked for.
    assertThat(issued).as(result.all()).extracting(Issuance::tool)
        .containsExactlyInAnyOrder("readReports", "readLedger", "readArchive");
    assertThat(issued).extracting(Issuance::callId).doesNotHaveDuplicates();
    assertThat(issued).extracting(Issuance::accessKeyId).doesNotHaveDuplicates();

    // The server saw each object read with its own tool call's key, and nothing else.
    Map<String, String> toolByKey = issued.stream().collect(Collectors.toMap(Issuance::accessKeyId, Issuance::tool));
    assertThat(received).isNotEmpty()
        .allSatisfy(r -> assertThat(toolByKey).as("request %s signed with an unknown key", r).containsKey(r.accessKeyId()));
    Map<String, Set<String>> toolsByObject = received.stream().collect(Collectors.groupingBy(
        ReceivedRequest::key, Collectors.mapping(r -> toolByKey.get(r.accessKeyId()), Collectors.toSet())));
    assertThat(toolsByObject).containsOnlyKeys(TASK + "/reports/r.txt", TASK + "/ledger/l.txt", TASK + "/archive/a.txt");
    assertThat(toolsByObject.get(TASK + "/reports/r.txt")).containsExactly("readReports");
    assertThat(toolsByObject.get(TASK + "/ledger/l.txt")).containsExactly("readLedger");
    assertThat(toolsByObject.get(TASK + "/archive/a.txt")).containsExactly("readArchive");
    // readReports' attempt on the ledger and unlisted's read never left the JVM.
    assertThat(received.stream().filter(r -> r.targets(GoogleAdkAgentApp.BUCKET, TASK + "/ledger/l.txt"))).hasSize(1);
    assertThat(received.stream().filter(r -> r.targets(GoogleAdkAgentApp.BUCKET, TASK + "/reports/r.txt"))).hasSize(1);
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
