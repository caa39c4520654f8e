package dev.tether.bench.jmh;

import dev.tether.bootstrap.HttpHooks;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tether's work on one HTTP request alone, no network: the bridge the agent weaves into the JDK
 * client, inside a tool call, for a time-boxed API (token cached) and for a host that is merely in
 * the egress list, with the client's copy of the request's headers (where the agent's hook is).
 * Against {@code requestOnly}, which builds the same request and copies its headers likewise.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class HttpGuardCost {

  private static final URI API = URI.create("http://127.0.0.1:9/api");
  private static final URI EGRESS_ONLY = URI.create("http://127.0.0.2:9/page");

  /** OkHttp's request as the agent weaves it, for both OkHttp benchmarks. */
  @State(Scope.Benchmark)
  public static class WovenOkHttp {
    @Setup(Level.Trial)
    public void define() {
      AgentWovenClasses.defineOkHttpRequest();
    }
  }

  @Benchmark
  public Object okhttpRequestOnly(WovenOkHttp woven) {
    return new okhttp3.Request.Builder().url("http://127.0.0.1:9/api")
        .header("Authorization", "Bearer ambient").build();
  }

  @Benchmark
  public Object okhttpTimeBoxedApi(ToolScope tool, WovenOkHttp woven) {
    return HttpHooks.okHttpRequest(new okhttp3.Request.Builder().url("http://127.0.0.1:9/api")
        .header("Authorization", "Bearer ambient").build());
  }

  @Benchmark
  public Object egressOnly(ToolScope tool) {
    return copiedByTheClient(
        HttpRequest.newBuilder(EGRESS_ONLY).header("Authorization", "Bearer ambient").build());
  }

  /** The request and the client's copy of its headers, which the client makes with or without Tether. */
  @Benchmark
  public Object requestOnly() {
    HttpRequest request = HttpRequest.newBuilder(API).header("Authorization", "Bearer ambient")
        .build();
    return HttpHeaders.of(request.headers().map(), LoopbackHttp.KEEP);
  }

  @Benchmark
  public Object timeBoxedApi(ToolScope tool) {
    return copiedByTheClient(
        HttpRequest.newBuilder(API).header("Authorization", "Bearer ambient").build());
  }

  /** As the JDK client's woven {@code HttpRequestImpl} copies a request's headers. */
  @SuppressWarnings("unchecked")
  private static HttpHeaders copiedByTheClient(HttpRequest request) {
    Object headers = HttpHooks.jdkHttpClientHeaders(request.headers().map(), request);
    return HttpHeaders.of((Map<String, List<String>>) headers, LoopbackHttp.KEEP);
  }

  /**
   * What Apache HttpClient 5 sends a request in, read by the hook as the request is sent; taken by
   * every Apache 5 benchmark, so that its request and context classes are the ones the agent
   * weaves (with the field) in all three.
   */
  @State(Scope.Thread)
  public static class ApacheExecution {
    static {
      AgentWovenClasses.defineApacheCarriers(); // before the context below is made
    }

    final org.apache.hc.core5.http.protocol.HttpContext apache5 =
        org.apache.hc.client5.http.protocol.HttpClientContext.create();
  }

  @Benchmark
  public Object apache5RequestOnly(ApacheExecution execution) {
    org.apache.hc.client5.http.classic.methods.HttpGet get =
        new org.apache.hc.client5.http.classic.methods.HttpGet(API);
    get.setHeader("Authorization", "Bearer ambient");
    return get;
  }

  @Benchmark
  public Object apache5TimeBoxedApi(ToolScope tool, ApacheExecution execution) {
    org.apache.hc.client5.http.classic.methods.HttpGet get =
        new org.apache.hc.client5.http.classic.methods.HttpGet(API);
    get.setHeader("Authorization", "Bearer ambient");
    return HttpHooks.apache5Request(get, null);
  }

  /** As {@link #apache5TimeBoxedApi}, and the check as the request is sent, after interceptors. */
  @Benchmark
  public Object apache5TimeBoxedApiAndSent(ToolScope tool, ApacheExecution execution) {
    org.apache.hc.client5.http.classic.methods.HttpGet get =
        new org.apache.hc.client5.http.classic.methods.HttpGet(API);
    get.setHeader("Authorization", "Bearer ambient");
    HttpHooks.apache5Request(get, null);
    HttpHooks.apache5Processed(HttpHooks.apache5Processing(get, execution.apache5), null);
    return get;
  }
}
