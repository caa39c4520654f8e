package dev.tether.it.apps.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * An MCP client built with the MCP Java SDK that knows nothing of Tether: it starts {@link
 * McpToolServer} as a separate process over stdio and calls its tools. Its transport ({@link
 * SigningTransport}) does AWS work of its own for each tool call, which Tether must see inside the
 * client's scope for that call.
 *
 * <p>Args: mode, S3 endpoint, the client's task, a file with the server's command (one argument a
 * line), a file with the server's environment ({@code KEY=VALUE} lines). Modes:
 *
 * <ul>
 *   <li>{@code sync}: an {@code McpSyncClient} calls readReports, readLedger, readReports on
 *       readLedger's object, and unlisted, one after the other;
 *   <li>{@code async}: an {@code McpAsyncClient} calls readReports and readLedger at once (both
 *       {@code meet}: the server holds each open until the other has started).
 * </ul>
 *
 * Prints a {@code RESULT} line per call and the transport's {@code WITNESS} lines.
 */
public final class McpToolClient {

  public static void main(String[] args) {
    try {
      run(args[0], args);
    } catch (Throwable t) { // the SDK's threads would keep this JVM alive
      t.printStackTrace();
      System.exit(1);
    }
    System.out.println("DONE");
    System.exit(0);
  }

  static void run(String mode, String[] args) throws Exception {
    S3Reads s3 = new S3Reads(URI.create(args[1]), args[2], System.out::println);
    List<String> command = Files.readAllLines(Path.of(args[3]));
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[4]))) {
      int eq = line.indexOf('=');
      env.put(line.substring(0, eq), line.substring(eq + 1));
    }
    ServerParameters server =
        ServerParameters.builder(command.get(0)).args(command.subList(1, command.size())).env(env).build();
    SigningTransport transport =
        new SigningTransport(new StdioClientTransport(server, McpJsonDefaults.getMapper()), s3);

    if (mode.equals("sync")) {
      McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
      client.initialize();
      result("readReports", client.callTool(request("readReports", "reports/r.txt", false)));
      result("readLedger", client.callTool(request("readLedger", "ledger/l.txt", false)));
      result("readReports", client.callTool(request("readReports", "ledger/l.txt", false)));
      result("unlisted", client.callTool(request("unlisted", "reports/r.txt", false)));
      client.closeGracefully();
    } else {
      McpAsyncClient client = McpClient.async(transport).requestTimeout(Duration.ofSeconds(20)).build();
      client.initialize().block();
      Mono.zip(
              client.callTool(request("readReports", "reports/r.txt", true)),
              client.callTool(request("readLedger", "ledger/l.txt", true)))
          .doOnNext(both -> {
            result("readReports", both.getT1());
            result("readLedger", both.getT2());
          })
          .block();
      client.closeGracefully().block();
    }
  }

  static CallToolRequest request(String tool, String path, boolean meet) {
    return new CallToolRequest(tool, Map.of("path", path, "meet", meet));
  }

  static void result(String tool, CallToolResult result) {
    StringBuilder text = new StringBuilder();
    result.content().forEach(c -> text.append(c instanceof TextContent t ? t.text() : c.toString()));
    System.out.println("RESULT " + tool + " " + text);
  }
}
