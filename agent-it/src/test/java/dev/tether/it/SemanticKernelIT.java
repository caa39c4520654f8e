package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.it.apps.SemanticKernelAgentApp;
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
 * The packaged agent as a real -javaagent on an agent built with Semantic Kernel (a {@code Kernel}
 * with a plugin of native functions, and {@code OpenAIChatCompletion} running its own tool loop)
 * and a scripted model behind the OpenAI client: each function call the model asks for reaches
 * {@code KernelFunctionFromMethod.invokeAsync}, which opens one tool-call scope that stays open
 * until the {@code Mono} it returned ends. The functions run on {@code boundedElastic} after
 * {@code invokeAsync} returned (one of them returns a {@code Mono} of its own, subscribed after its
 * method returned), yet each signs its S3 request with a key the Vault issued for that call; a
 * function reaching for another's object, or one with no configured entry, is refused inside the
 * JVM. Runs on the release the build selected (default 1.4.2; {@code -Psemantic-kernel-oldest}
 * for 1.0.2), on Semantic Kernel's own class path ({@link FrameworkClassPath}).
 */
class SemanticKernelIT {

  static final String TASK = "t-sk";
  static LocalAwsStack stack;

  @BeforeAll
  static void startStack() {
    stack = LocalAwsStack.start(ToolCatalogue.read(Paths.get("src/test/resources/agent-frameworks-vault-tools.json")));
    stack.seed(SemanticKernelAgentApp.BUCKET, TASK + "/reports/r.txt", "reports");
    stack.seed(SemanticKernelAgentApp.BUCKET, TASK + "/ledger/l.txt", "ledger");
    stack.seed(SemanticKernelAgentApp.BUCKET, TASK + "/archive/a.txt", "archive");
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
  void eachFunctionCallGetsItsOwnScopeUntilItsMonoEnds(Path javaHome) throws Exception {
    String classPath = FrameworkClassPath.of("semantic-kernel", SemanticKernelAgentApp.class);
    int issuedBefore = stack.vault().issuances().size();
    int receivedBefore = stack.requests().size();
    ForkedJvm jvm = new ForkedJvm(javaHome);
    stack.launch("semantic-kernel test JVM").environment().forEach(jvm::env);
    jvm.env("OTEL_TRACES_EXPORTER", "console"); // the tool-call derivations, counted below
    ForkedJvm.Result result =
        jvm.agentOptions("config=" + Paths.get("src/test/resources/semantic-kernel-tether.yaml").toAbsolutePath())
            .property("tether.vault.url", stack.vault().url())
            .property("tether.vault.token", stack.vault().agentToken())
            .property("tether.task.grant", stack.grantAllTools(TASK, "alice", List.of("acme/widgets")))
            .property("aws.accessKeyId", stack.platformAccessKeyId())
            .property("aws.secretAccessKey", stack.platformSecretAccessKey())
            .runWithClassPath(classPath, SemanticKernelAgentApp.class.getName(), stack.s3Endpoint().toString(), TASK);
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

    // Every function ran on Reactor's boundedElastic threads, after invokeAsync had returned: the
    // asynchronous one's read even after its own method had returned, on the model's thread.
    assertThat(result.lines("STEP ")).as(result.all()).hasSize(5)
        .allMatch(line -> line.split(" ")[3].startsWith("boundedElastic-"));
    List<String> lines = result.stdout().lines().toList();
    int returned = indexOf(lines, "RETURNED readReports/reports/r.txt ");
    assertThat(returned).as(result.all()).isNotNegative().isLessThan(indexOf(lines, "STEP readReports/reports/r.txt "));

    assertThat(result.stderr()).as(result.all())
        .containsOnlyOnce("Semantic Kernel tool 'unlisted' has no entry under 'tools:'")
        .doesNotContain("[tether] Semantic Kernel (") // the dispatcher was found: nothing to report
        .doesNotContain("(it runs unhooked)");

    // One scope per function call (c1 to c4; c5 names no configured tool), each ended by the
    // Mono invokeAsync returned, not by invokeAsync's return.
    List<String> derivations = result.stderr().lines().filter(l -> l.contains("tether.layer=tool_call")).toList();
    assertThat(derivations).as(result.all()).hasSize(4)
        .allMatch(l -> l.contains("tether.tool.deferred=reactor.core.publisher.Mono"));
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
    assertThat(received.stream().filter(r -> r.targets(SemanticKernelAgentApp.BUCKET, TASK + "/ledger/l.txt"))).hasSize(1);
    assertThat(received.stream().filter(r -> r.targets(SemanticKernelAgentApp.BUCKET, TASK + "/reports/r.txt"))).hasSize(1);
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
