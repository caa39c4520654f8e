package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.it.apps.S3ToolApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent exports its spans, and the metrics counted from them, over OTLP/HTTP to the
 * endpoint the standard variables name, through its relocated exporters, and flushes both when the
 * application exits.
 */
class TraceExportIT {

  static final String TASK = "t-trace-1";

  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> metricBodies = new CopyOnWriteArrayList<>();
  private final List<String> headers = new CopyOnWriteArrayList<>();
  private HttpServer collector;
  private LocalAwsStack stack;

  @BeforeEach
  void start() throws Exception {
    stack = LocalAwsStack.start(ForkedJvm.itTools());
    stack.seed(S3ToolApp.BUCKET, TASK + "/own.txt", "own data");
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext("/v1/traces", exchange -> receive(exchange, bodies));
    collector.createContext("/v1/metrics", exchange -> receive(exchange, metricBodies));
    collector.start();
  }

  private void receive(HttpExchange exchange, List<String> into) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    exchange.getRequestBody().transferTo(body);
    into.add(body.toString(StandardCharsets.ISO_8859_1));
    headers.add(exchange.getRequestHeaders().getFirst("Content-Type") + " " + exchange.getRequestHeaders().getFirst("x-tenant"));
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  @AfterEach
  void stop() {
    collector.stop(0);
    stack.close();
  }

  @Test
  void spansOfEveryKindAndTheMetricsCountedFromThemReachTheCollector() throws Exception {
    ForkedJvm.Result result =
        new ForkedJvm(ForkedJvm.javaHomes().get(0))
            .env("OTEL_TRACES_EXPORTER", "otlp")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort())
            .env("OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=acme")
            .env("OTEL_SERVICE_NAME", "it-runtime")
            .runS3ToolApp(stack, TASK);

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.stderr()).doesNotContain("[tether] traces are not exported")
        .doesNotContain("[tether] metrics are not exported");
    assertThat(headers).isNotEmpty().allSatisfy(h -> assertThat(h).isEqualTo("application/x-protobuf acme"));
    String exported = String.join("\n", bodies);
    assertThat(exported)
        .contains("tether.derive")
        .contains("tether.exchange")
        .contains("tether.decision")
        .contains("it-runtime")
        .contains(TASK);
    // Metrics go with the spans' OTLP unless OTEL_METRICS_EXPORTER says otherwise, and leave at
    // exit (the default interval is a minute). A counter is exported once something was added to
    // it: here the denials of the tool's read of another task's object (an AWS request in
    // readOwn) and of the default chain asked outside any tool (a credentials provider).
    String metrics = String.join("\n", metricBodies);
    assertThat(metrics)
        .contains("tether.derivations")
        .contains("tether.decisions")
        .contains("tether.denials")
        .contains("tether.exchange.duration")
        .contains("tether.guard")
        .contains("credentials_provider")
        .contains("readOwn")
        .contains("upstream_credential")
        .contains("it-runtime")
        .doesNotContain(TASK) // no ids in metrics
        .doesNotContain("t-other");
    String everything = exported + "\n" + metrics;
    // Canaries: the secrets this run's processes held. None is in an exported span, a log line
    // or an exception message, though the workload used every one of them.
    Map<String, String> secrets = Map.of(
        "the platform's secret key", stack.platformSecretAccessKey(),
        "the Vault's agent token", stack.vault().agentToken(),
        "the orchestrator token", stack.vault().orchestratorToken(),
        "the resource-server token", stack.vault().resourceServerToken());
    secrets.forEach((what, secret) -> {
      assertThat(secret).as(what).hasSizeGreaterThan(15);
      assertThat(everything).as("spans and metrics exported, checked for " + what).doesNotContain(secret);
      assertThat(result.stdout() + result.stderr()).as("output, checked for " + what)
          .doesNotContain(secret);
    });
  }
}
