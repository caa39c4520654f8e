package dev.tether.it.apps.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An MCP server built with the MCP Java SDK that knows nothing of Tether, over stdio (its standard
 * output is the protocol: it prints nothing there). Tools, their handlers lambdas:
 *
 * <ul>
 *   <li>{@code readReports}: a sync tool ({@code SyncToolSpecification}), which the SDK runs on
 *       {@code boundedElastic};
 *   <li>{@code readLedger}: an async tool ({@code AsyncToolSpecification}) whose handler returns
 *       a {@code Mono} that reads after a delay, on {@code boundedElastic}: after the handler
 *       returned, on another thread;
 *   <li>{@code unlisted}: a sync tool Tether's configuration does not list.
 * </ul>
 *
 * <p>Each tool reads {@code <task>/<path>} (its {@code path} argument) from S3 with the default
 * credentials chain. With {@code meet: true}, readReports and readLedger wait for each other
 * (readReports, inside its call, until readLedger has read; readLedger until readReports has
 * started): proof that both calls were open at once. Every attempt is one line in the steps file
 * (args: S3 endpoint, task, steps file).
 */
public final class McpToolServer {

  static final CountDownLatch reportsStarted = new CountDownLatch(1);
  static final CountDownLatch ledgerRead = new CountDownLatch(1);
  static S3Reads s3;
  static Path steps;

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    String task = args[1];
    steps = Path.of(args[2]);
    s3 = new S3Reads(endpoint, task, McpToolServer::step);
    McpJsonMapper json = McpJsonDefaults.getMapper();

    McpSyncServer server =
        McpServer.sync(new StdioServerTransportProvider(json))
            .serverInfo("tether-it-tools", "1.0.0")
            .capabilities(ServerCapabilities.builder().tools(true).build())
            .tools(
                new SyncToolSpecification(
                    tool(json, "readReports", "reads an object under the task's reports/"),
                    (exchange, request) -> {
                      if (meet(request)) {
                        reportsStarted.countDown();
                        await(ledgerRead, "readReports");
                      }
                      return text(s3.read("STEP", "readReports", path(request)));
                    }),
                new SyncToolSpecification(
                    tool(json, "unlisted", "reads anything"),
                    (exchange, request) -> text(s3.read("STEP", "unlisted", path(request)))))
            .build();

    // An async tool, added as the SDK's own async specification.
    server
        .getAsyncServer()
        .addTool(
            new AsyncToolSpecification(
                tool(json, "readLedger", "reads an object under the task's ledger/"),
                (exchange, request) -> {
                  AtomicBoolean returned = new AtomicBoolean();
                  Mono<CallToolResult> later =
                      Mono.delay(Duration.ofMillis(50))
                          .publishOn(Schedulers.boundedElastic())
                          .map(tick -> {
                            step("LATER readLedger handler-returned=" + returned.get() + " " + S3Reads.thread());
                            if (meet(request)) {
                              await(reportsStarted, "readLedger");
                            }
                            String content = s3.read("STEP", "readLedger", path(request));
                            ledgerRead.countDown();
                            return text(content);
                          });
                  returned.set(true);
                  return later;
                }))
        .block();
    step("READY");
    new CountDownLatch(1).await(); // until the client ends this process
  }

  static Tool tool(McpJsonMapper json, String name, String description) {
    return Tool.builder()
        .name(name)
        .description(description)
        .inputSchema(json, "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},"
            + "\"meet\":{\"type\":\"boolean\"}},\"required\":[\"path\"]}")
        .build();
  }

  static String path(CallToolRequest request) {
    return String.valueOf(request.arguments().get("path"));
  }

  static boolean meet(CallToolRequest request) {
    return Boolean.TRUE.equals(request.arguments().get("meet"));
  }

  static CallToolResult text(String content) {
    return CallToolResult.builder().addTextContent(content).isError(false).build();
  }

  static void await(CountDownLatch latch, String tool) {
    try {
      step((latch.await(20, TimeUnit.SECONDS) ? "MET " : "NOT-MET ") + tool + " " + S3Reads.thread());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      step("NOT-MET " + tool + " " + e);
    }
  }

  /** One line in the steps file (standard output is the protocol's). */
  static synchronized void step(String line) {
    try {
      Files.writeString(steps, line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("cannot write " + steps + ": " + e);
    }
  }
}
