package dev.tether.it.apps.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A client transport that does AWS work of its own for each tool call it sends, as a transport to
 * an MCP server behind AWS authentication signs each request with the caller's credentials: here,
 * before a {@code tools/call} request goes out, it reads the tool's object of the client's task
 * ({@code readReports}: reports/r.txt, {@code readLedger}: ledger/l.txt, any other: reports/r.txt)
 * and reports a {@code WITNESS} line. Tether must see that read inside the client's scope for the
 * call (named by the tool), whichever thread the SDK sends it on. Everything else is delegated.
 */
final class SigningTransport implements McpClientTransport {

  private final McpClientTransport delegate;
  private final S3Reads s3;

  SigningTransport(McpClientTransport delegate, S3Reads s3) {
    this.delegate = delegate;
    this.s3 = s3;
  }

  @Override
  public Mono<Void> sendMessage(JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCRequest request
        && McpSchema.METHOD_TOOLS_CALL.equals(request.method())) {
      String tool = toolName(request.params());
      s3.read("WITNESS", tool, tool.equals("readLedger") ? "ledger/l.txt" : "reports/r.txt");
    }
    return delegate.sendMessage(message);
  }

  private static String toolName(Object params) {
    if (params instanceof CallToolRequest call) {
      return call.name();
    }
    return params instanceof Map<?, ?> map ? String.valueOf(map.get("name")) : String.valueOf(params);
  }

  @Override
  public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    return delegate.connect(handler);
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(handler);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return delegate.unmarshalFrom(data, typeRef);
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }
}
