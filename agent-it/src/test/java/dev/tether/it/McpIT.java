package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.it.apps.mcp.McpStatelessServerApp;
import dev.tether.it.apps.mcp.McpToolClient;
import dev.tether.it.apps.mcp.McpToolServer;
import dev.tether.vault.Issuance;
import dev.tether.vault.ToolCatalogue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent as a real -javaagent on both ends of the MCP Java SDK: a client JVM ({@code
 * McpClient.sync} or {@code .async}) starts an MCP server JVM ({@code McpServer.sync} over stdio,
 * with a sync tool, an async tool and a tool Tether does not list) and calls its tools.
 *
 * <ul>
 *   <li>Server: each tool call is one scope named by the tool, whose S3 requests are signed with
 *       a key the Vault issued for that call; a tool reaching for another tool's object is
 *       refused in the JVM; the async tool's request, made after its handler returned and on
 *       another thread, still carries its own call; calls running at the same time keep theirs.
 *   <li>Client: each {@code callTool} is one scope named by the tool (the sync client's call to the
 *       async client inside it opens nothing more), current where the transport sends the call,
 *       even for async calls subscribed later.
 *   <li>Stateless servers ({@code McpStatelessServerFeatures}), driven in-process through the
 *       handler the SDK hands its transport: the same, one scope per call.
 * </ul>
 *
 * Runs on the SDK version the build selected (default 2.1.0; {@code -Pmcp-1.0} for 1.0.0).
 */
class McpIT {

  static final String BUCKET = "it-data";
  static final List<String> TASKS =
      List.of("t-mcp-server-sync", "t-mcp-client-sync", "t-mcp-server-async", "t-mcp-client-async",
          "t-mcp-stateless");

  static LocalAwsStack stack;

  @BeforeAll
  static void startStack() {
    stack = LocalAwsStack.start(ToolCatalogue.read(Paths.get("src/test/resources/mcp-vault-tools.json")));
    for (String task : TASKS) {
      stack.seed(BUCKET, task + "/reports/r.txt", "reports of " + task);
      stack.seed(BUCKET, task + "/ledger/l.txt", "ledger of " + task);
    }
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void syncClientSyncAndAsyncToolsOneScopePerCall() throws Exception {
    Run run = run("sync");
    run.assertCompleted();

    // Server side: the sync tool (on boundedElastic), the async tool (after its handler returned),
    // a tool reaching for another's object, and a tool Tether does not list.
    assertThat(run.serverSteps()).as(run.all())
        .containsEntry("readReports/reports/r.txt", "ALLOWED")
        .containsEntry("readLedger/ledger/l.txt", "ALLOWED")
        .containsEntry("readReports/ledger/l.txt", "REFUSED")
        .containsEntry("unlisted/reports/r.txt", "REFUSED");
    assertThat(run.serverLog).as(run.all())
        .contains("in tool 'readReports': outside the tool's scope")
        .containsPattern("LATER readLedger handler-returned=true boundedElastic-\\d+")
        .containsPattern("STEP readLedger/ledger/l.txt ALLOWED boundedElastic-\\d+");
    assertThat(run.serverStderr).as(run.all())
        .containsOnlyOnce("The MCP Java SDK tool 'unlisted' has no entry under 'tools:'");
    // One scope per call though each sync call passes a sync and an async handler: readReports
    // twice (the refused attempt too), readLedger once, unlisted none.
    assertThat(toolCalls(run.serverStderr)).as(run.all())
        .containsExactlyInAnyOrder("readReports", "readReports", "readLedger");
    // Each held open over the Mono the SDK's async handler returned (the sync tool ran inside it).
    assertThat(deferredToolCalls(run.serverStderr)).as(run.all()).isEqualTo(3);

    // Client side: each callTool one scope (unlisted: none, refused), current in the transport.
    assertThat(run.witnesses()).as(run.all())
        .containsExactly(
            "readReports/reports/r.txt ALLOWED",
            "readLedger/ledger/l.txt ALLOWED",
            "readReports/reports/r.txt ALLOWED",
            "unlisted/reports/r.txt REFUSED");
    assertThat(run.client.stderr()).as(run.all())
        .containsOnlyOnce("The MCP Java SDK tool 'unlisted' has no entry under 'tools:'");
    assertThat(toolCalls(run.client.stderr())).as(run.all())
        .containsExactlyInAnyOrder("readReports", "readReports", "readLedger");
    assertThat(deferredToolCalls(run.client.stderr())).as("the sync client's calls end as they return")
        .isZero();

    run.assertEachRequestSignedForItsCall(
        Map.of("t-mcp-server-sync", List.of("readReports", "readLedger"),
            "t-mcp-client-sync", List.of("readReports", "readLedger", "readReports")));
  }

  @Test
  void parallelAsyncCallsKeepTheirOwnScopes() throws Exception {
    Run run = run("async");
    run.assertCompleted();

    // Both server calls were open at once: each waited for the other, inside its own call.
    assertThat(run.serverLog).as(run.all())
        .containsPattern("MET readReports ")
        .containsPattern("MET readLedger ")
        .doesNotContain("NOT-MET");
    assertThat(run.serverSteps()).as(run.all())
        .containsEntry("readReports/reports/r.txt", "ALLOWED")
        .containsEntry("readLedger/ledger/l.txt", "ALLOWED");
    assertThat(toolCalls(run.serverStderr)).as(run.all())
        .containsExactlyInAnyOrder("readReports", "readLedger");

    // Client: the async client's lazy Monos, subscribed together after callTool returned.
    assertThat(run.witnesses()).as(run.all())
        .containsExactlyInAnyOrder("readReports/reports/r.txt ALLOWED", "readLedger/ledger/l.txt ALLOWED");
    assertThat(toolCalls(run.client.stderr())).as(run.all())
        .containsExactlyInAnyOrder("readReports", "readLedger");
    assertThat(deferredToolCalls(run.client.stderr())).as(run.all()).isEqualTo(2);

    run.assertEachRequestSignedForItsCall(
        Map.of("t-mcp-server-async", List.of("readReports", "readLedger"),
            "t-mcp-client-async", List.of("readReports", "readLedger")));
  }

  @Test
  void statelessServersToolsOneScopePerCall() throws Exception {
    String task = "t-mcp-stateless";
    FrameworkRun.Outcome run =
        new FrameworkRun(stack, Paths.get(System.getProperty("java.home")), "mcp stateless server", "mcp-tether.yaml", task)
            .runMain(McpStatelessServerApp.class.getName());
    ForkedJvm.Result result = run.result();

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(AwsSdkEnforcementIT.steps(result)).as(result.all())
        .containsEntry("readReports/reports/r.txt", "ALLOWED")
        .containsEntry("readLedger/ledger/l.txt", "ALLOWED")
        .containsEntry("readReports/ledger/l.txt", "REFUSED");
    assertThat(result.stdout()).as(result.all())
        .containsPattern("STEP readLedger/ledger/l.txt ALLOWED boundedElastic-\\d+")
        .contains("DONE");
    assertThat(toolCalls(result.stderr())).as(result.all())
        .containsExactlyInAnyOrder("readReports", "readReports", "readLedger");
    assertThat(deferredToolCalls(result.stderr())).as(result.all()).isEqualTo(3);
    new Run(result, "", "", run.issued(), run.received())
        .assertEachRequestSignedForItsCall(Map.of(task, List.of("readReports", "readLedger")));
  }

  /** How many of those calls were held open over a Mono their method returned. */
  static long deferredToolCalls(String stderr) {
    return stderr.lines()
        .filter(l -> l.contains("tether.layer=tool_call"))
        .filter(l -> l.contains("tether.tool.deferred=reactor.core.publisher.Mono"))
        .count();
  }

  /** The tool of each tool-call derivation span a JVM printed (console exporter, on stderr). */
  static List<String> toolCalls(String stderr) {
    return stderr.lines()
        .filter(l -> l.contains("tether.layer=tool_call"))
        .map(l -> {
          int at = l.indexOf("tether.tool=");
          String rest = l.substring(at + "tether.tool=".length());
          return rest.split("[,}]", 2)[0];
        })
        .toList();
  }

  /** One client JVM (sync or async mode) and the server JVM it starts, both with the agent. */
  private Run run(String mode) throws Exception {
    String serverTask = "t-mcp-server-" + mode;
    String clientTask = "t-mcp-client-" + mode;
    int issuedBefore = stack.vault().issuances().size();
    int receivedBefore = stack.requests().size();
    Path config = Paths.get("src/test/resources/mcp-tether.yaml").toAbsolutePath();
    Path javaHome = Paths.get(System.getProperty("java.home"));
    Path serverSteps = Files.createTempFile("mcp-server", ".steps");
    Path serverStderr = Files.createTempFile("mcp-server", ".err");

    // The server's command: its standard error to a file (standard output is the protocol). The
    // original standard error stays open as fd 3: the SDK's client ends the transport when the
    // server's standard error closes.
    List<String> server = new ArrayList<>(List.of(
        "/bin/sh", "-c", "exec \"$@\" 3>&2 2>>'" + serverStderr + "'", "sh",
        javaHome.resolve("bin/java").toString(),
        "-javaagent:" + ForkedJvm.AGENT_JAR.toAbsolutePath() + "=config=" + config,
        "-Dtether.vault.url=" + stack.vault().url(),
        "-Dtether.vault.token=" + stack.vault().agentToken(),
        "-Dtether.task.grant=" + stack.grantAllTools(serverTask, "alice", List.of("acme/widgets")),
        "-Daws.accessKeyId=" + stack.platformAccessKeyId(),
        "-Daws.secretAccessKey=" + stack.platformSecretAccessKey(),
        "-cp", ForkedJvm.applicationClassPath(),
        McpToolServer.class.getName(), stack.s3Endpoint().toString(), serverTask, serverSteps.toString()));
    Map<String, String> serverEnv = new LinkedHashMap<>(stack.launch("mcp server " + mode).environment());
    serverEnv.put("OTEL_TRACES_EXPORTER", "console");
    Path commandFile = Files.createTempFile("mcp-server", ".command");
    Files.write(commandFile, server, StandardCharsets.UTF_8);
    Path envFile = Files.createTempFile("mcp-server", ".env");
    Files.write(envFile, serverEnv.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());

    ForkedJvm client = new ForkedJvm(javaHome);
    stack.launch("mcp client " + mode).environment().forEach(client::env);
    client.env("OTEL_TRACES_EXPORTER", "console");
    ForkedJvm.Result result;
    try {
      result = client.agentOptions("config=" + config)
            .property("tether.vault.url", stack.vault().url())
            .property("tether.vault.token", stack.vault().agentToken())
            .property("tether.task.grant", stack.grantAllTools(clientTask, "alice", List.of("acme/widgets")))
            .property("aws.accessKeyId", stack.platformAccessKeyId())
            .property("aws.secretAccessKey", stack.platformSecretAccessKey())
            .runMain(McpToolClient.class.getName(), mode, stack.s3Endpoint().toString(), clientTask,
                commandFile.toString(), envFile.toString());
    } catch (AssertionError e) { // it did not finish: say what the server did meanwhile
      throw new AssertionError(e.getMessage() + "\n--- server steps\n" + read(serverSteps)
          + "\n--- server stderr\n" + read(serverStderr), e);
    }

    List<Issuance> issued = List.copyOf(stack.vault().issuances().subList(issuedBefore, stack.vault().issuances().size()));
    List<ReceivedRequest> received = List.copyOf(stack.requests().subList(receivedBefore, stack.requests().size()));
    Run run = new Run(result, read(serverSteps), read(serverStderr), issued, received);
    for (Path file : List.of(serverSteps, serverStderr, commandFile, envFile)) {
      Files.deleteIfExists(file);
    }
    return run;
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private record Run(
      ForkedJvm.Result client,
      String serverLog,
      String serverStderr,
      List<Issuance> issued,
      List<ReceivedRequest> received) {

    /** Server steps by "tool/path": ALLOWED, REFUSED or FAILED. */
    Map<String, String> serverSteps() {
      Map<String, String> steps = new LinkedHashMap<>();
      serverLog.lines().filter(l -> l.startsWith("STEP ")).forEach(l -> {
        String[] parts = l.split(" ", 4);
        steps.put(parts[1], parts[2]);
      });
      return steps;
    }

    /** The client transport's reads, "tool/path OUTCOME", in order. */
    List<String> witnesses() {
      return client.lines("WITNESS ").stream().map(l -> {
        String[] parts = l.split(" ", 4);
        return parts[1] + " " + parts[2];
      }).toList();
    }

    void assertCompleted() {
      assertThat(client.exitCode()).as(all()).isZero();
      assertThat(client.stdout()).as(all()).contains("DONE");
      assertThat(serverLog).as(all()).contains("READY").doesNotContain(" FAILED ");
      assertThat(client.stdout()).as(all()).doesNotContain(" FAILED ");
      // Both hooked types were found in this release: no "has none of the methods" line.
      assertThat(client.stderr() + serverStderr).as(all()).doesNotContain("[tether] The MCP Java SDK (");
    }

    /**
     * Every request s3proxy received was signed with a key the Vault issued to one tool call, of
     * the task and the tool the object belongs to; each call got its own key; refused attempts
     * never left their JVM.
     *
     * @param expected per task, the tools issued credentials (one entry per tool call)
     */
    void assertEachRequestSignedForItsCall(Map<String, List<String>> expected) {
      Map<String, List<String>> issuedByTask = issued.stream().collect(Collectors.groupingBy(
          Issuance::taskId, Collectors.mapping(Issuance::tool, Collectors.toList())));
      assertThat(issuedByTask.keySet()).as(all()).isEqualTo(expected.keySet());
      expected.forEach((task, tools) ->
          assertThat(issuedByTask.get(task)).as(all()).containsExactlyInAnyOrderElementsOf(tools));
      assertThat(issued).extracting(Issuance::accessKeyId).doesNotHaveDuplicates();
      assertThat(issued).extracting(Issuance::callId).doesNotHaveDuplicates();

      Map<String, Issuance> byKey =
          issued.stream().collect(Collectors.toMap(Issuance::accessKeyId, i -> i));
      assertThat(received).as(all()).hasSize(issued.size());
      for (ReceivedRequest request : received) {
        Issuance issuance = byKey.get(request.accessKeyId());
        assertThat(issuance).as("request %s signed with a key no tool call was issued", request).isNotNull();
        String object = request.key();
        assertThat(object).as("request %s", request)
            .startsWith(issuance.taskId() + "/")
            .endsWith(issuance.tool().equals("readLedger") ? "/ledger/l.txt" : "/reports/r.txt");
      }
      Set<String> taskIds = expected.keySet();
      assertThat(received).extracting(ReceivedRequest::key)
          .allSatisfy(key -> assertThat(taskIds).anyMatch(key::startsWith));
    }

    String all() {
      return client.all() + "\n--- server steps\n" + serverLog + "\n--- server stderr\n" + serverStderr
          + "\n--- issued\n" + issued.stream().map(i -> i.taskId() + " " + i.tool() + " " + i.accessKeyId())
              .collect(Collectors.joining("\n"));
    }
  }
}
