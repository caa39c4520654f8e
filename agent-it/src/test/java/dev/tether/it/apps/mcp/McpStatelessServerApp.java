package dev.tether.it.apps.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The MCP Java SDK's stateless servers ({@code McpServer.sync/async(McpStatelessServerTransport)},
 * {@code McpStatelessServerFeatures} tool specifications), driven in-process through the handler
 * the SDK hands its transport, as its HTTP transport does for each POST: a sync server with
 * {@code readReports}, an async server with {@code readLedger} (its read after a delay, on {@code
 * boundedElastic}). Calls readReports, readLedger, and readReports on readLedger's object; prints
 * a {@code STEP} line per S3 attempt and a {@code RESULT} line per call (args: S3 endpoint, task).
 */
public final class McpStatelessServerApp {

  static final AtomicInteger ids = new AtomicInteger();

  public static void main(String[] args) {
    S3Reads s3 = new S3Reads(URI.create(args[0]), args[1], System.out::println);
    McpJsonMapper json = McpJsonDefaults.getMapper();

    InProcessTransport syncTransport = new InProcessTransport();
    McpServer.sync(syncTransport)
        .serverInfo("tether-it-stateless-sync", "1.0.0")
        .capabilities(ServerCapabilities.builder().tools(true).build())
        .tools(new McpStatelessServerFeatures.SyncToolSpecification(
            McpToolServer.tool(json, "readReports", "reads an object under the task's reports/"),
            (context, request) ->
                McpToolServer.text(s3.read("STEP", "readReports", McpToolServer.path(request)))))
        .build();

    InProcessTransport asyncTransport = new InProcessTransport();
    McpServer.async(asyncTransport)
        .serverInfo("tether-it-stateless-async", "1.0.0")
        .capabilities(ServerCapabilities.builder().tools(true).build())
        .tools(new McpStatelessServerFeatures.AsyncToolSpecification(
            McpToolServer.tool(json, "readLedger", "reads an object under the task's ledger/"),
            (context, request) ->
                Mono.delay(Duration.ofMillis(50))
                    .publishOn(Schedulers.boundedElastic())
                    .map(tick -> McpToolServer.text(
                        s3.read("STEP", "readLedger", McpToolServer.path(request))))))
        .build();

    call(syncTransport, "readReports", "reports/r.txt");
    call(asyncTransport, "readLedger", "ledger/l.txt");
    call(syncTransport, "readReports", "ledger/l.txt");
    System.out.println("DONE");
    System.exit(0);
  }

  /** One {@code tools/call}, as the SDK's stateless HTTP transport hands a POST to the server. */
  static void call(InProcessTransport transport, String tool, String path) {
    McpSchema.JSONRPCRequest request =
        new McpSchema.JSONRPCRequest(
            McpSchema.JSONRPC_VERSION,
            McpSchema.METHOD_TOOLS_CALL,
            ids.incrementAndGet(),
            Map.of("name", tool, "arguments", Map.of("path", path)));
    JSONRPCResponse response = transport.handler.handleRequest(McpTransportContext.EMPTY, request).block();
    System.out.println("RESULT " + tool + " " + (response.error() != null ? response.error() : response.result()));
  }

  /** Holds the handler the server hands its transport. */
  static final class InProcessTransport implements McpStatelessServerTransport {
    volatile McpStatelessServerHandler handler;

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
      this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.empty();
    }
  }
}
