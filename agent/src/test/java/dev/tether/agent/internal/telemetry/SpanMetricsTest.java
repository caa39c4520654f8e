package dev.tether.agent.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spans as the agent ends them (through {@link SpanHandle}, with the attributes the guards, the
 * issuers and the derivations set) turn into counts and durations with bounded attributes.
 */
class SpanMetricsTest {

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final SdkTracerProvider tracers =
      SdkTracerProvider.builder().addSpanProcessor(new SpanMetrics(meters.get(MeterPipeline.SCOPE))).build();
  private final Tracer tracer = tracers.get("dev.tether.agent");

  @AfterEach
  void close() {
    tracers.close();
    meters.close();
  }

  @Test
  void derivationsAreCountedByLayerToolAndOutcome() {
    span(Telemetry.SPAN_DERIVE).attribute("tether.layer", "task").attribute("task.id", "t-1")
        .attribute("tether.token.id", "tk-1").end();
    span(Telemetry.SPAN_DERIVE).attribute("tether.layer", "turn").attribute("tether.token.id", "tn-1").end();
    for (int i = 0; i < 3; i++) {
      span(Telemetry.SPAN_DERIVE).attribute("tether.layer", "tool_call").attribute("tether.tool", "readOwn")
          .attribute("tether.token.id", "call-" + i).attribute("tether.parent.id", "tn-1").end();
    }
    SpanHandle refused = span(Telemetry.SPAN_DERIVE).attribute("tether.layer", "tool_call")
        .attribute("tether.tool", "deleteAll");
    refused.fail("tool 'deleteAll' gets no token: not in the turn");
    refused.end();

    Map<Attributes, Long> derivations = counts(SpanMetrics.DERIVATIONS);
    assertThat(derivations).containsOnly(
        Map.entry(attrs("tether.layer", "task", "tether.outcome", "ok"), 1L),
        Map.entry(attrs("tether.layer", "turn", "tether.outcome", "ok"), 1L),
        Map.entry(attrs("tether.layer", "tool_call", "tether.tool", "readOwn", "tether.outcome", "ok"), 3L),
        Map.entry(attrs("tether.layer", "tool_call", "tether.tool", "deleteAll", "tether.outcome", "error"), 1L));
    MetricData metric = metric(SpanMetrics.DERIVATIONS);
    assertThat(metric.getUnit()).isEqualTo("{derivation}");
    assertThat(metric.getLongSumData().isMonotonic()).isTrue();
  }

  @Test
  void decisionsAreCountedByWhatWasGuardedAndDenialsToo() {
    // AWS SDK requests in a tool (AwsRequestGuard.decision)
    decision("allow", "readOwn", "s3:GetObject", null);
    decision("allow", "readOwn", "s3:GetObject", null);
    decision("deny", "readOwn", "s3:GetObject", null);
    // outside any tool: ambient credentials for a listed service, and a refused request
    decision("ambient", null, "logs:PutLogEvents", null);
    decision("deny", null, "s3:ListBuckets", null);
    // a credentials provider asked directly, outside a tool
    decision("deny", null, "credentials:DefaultCredentialsProvider", null);
    // HTTP requests in a tool (HttpRequestGuard.decision), one without a host
    decision("allow", "openPullRequest", null, "127.0.0.1");
    decision("deny", "openPullRequest", null, "paste.example");
    decision("deny", "openPullRequest", null, null);
    // an attestation round carries tether.decision too, but is no enforcement decision
    span(Telemetry.SPAN_ATTEST).attribute("tether.decision", "evidence").end();

    assertThat(counts(SpanMetrics.DECISIONS)).containsOnly(
        Map.entry(attrs("tether.decision", "allow", "tether.guard", "aws", "tether.tool", "readOwn"), 2L),
        Map.entry(attrs("tether.decision", "deny", "tether.guard", "aws", "tether.tool", "readOwn"), 1L),
        Map.entry(attrs("tether.decision", "ambient", "tether.guard", "aws"), 1L),
        Map.entry(attrs("tether.decision", "deny", "tether.guard", "aws"), 1L),
        Map.entry(attrs("tether.decision", "deny", "tether.guard", "credentials_provider"), 1L),
        Map.entry(attrs("tether.decision", "allow", "tether.guard", "http", "tether.tool", "openPullRequest"), 1L),
        Map.entry(attrs("tether.decision", "deny", "tether.guard", "http", "tether.tool", "openPullRequest"), 2L));
    assertThat(counts(SpanMetrics.DENIALS)).containsOnly(
        Map.entry(attrs("tether.guard", "aws", "tether.tool", "readOwn"), 1L),
        Map.entry(attrs("tether.guard", "aws"), 1L),
        Map.entry(attrs("tether.guard", "credentials_provider"), 1L),
        Map.entry(attrs("tether.guard", "http", "tether.tool", "openPullRequest"), 2L));
  }

  @Test
  void exchangeDurationsAreRecordedInSecondsAndRefusedExchangesAreDenials() {
    exchange("upstream_credential", "readOwn", 250, null);
    exchange("upstream_credential", "readOwn", 20, null);
    exchange("api_token", "openPullRequest", 8, "the Vault refused: token_used");
    // a failed revocation refuses nothing: the token lapses at its expiry
    exchange("github_token_revoke", "openPullRequest", 3000, "GitHub answered HTTP 500");

    MetricData metric = metric(SpanMetrics.EXCHANGE_DURATION);
    assertThat(metric.getUnit()).isEqualTo("s");
    Map<Attributes, HistogramPointData> points = metric.getHistogramData().getPoints().stream()
        .collect(Collectors.toMap(HistogramPointData::getAttributes, p -> p));
    assertThat(points).containsOnlyKeys(
        attrs("tether.layer", "upstream_credential", "tether.outcome", "ok"),
        attrs("tether.layer", "api_token", "tether.outcome", "error"),
        attrs("tether.layer", "github_token_revoke", "tether.outcome", "error"));
    HistogramPointData credentials = points.get(attrs("tether.layer", "upstream_credential", "tether.outcome", "ok"));
    assertThat(credentials.getCount()).isEqualTo(2);
    assertThat(credentials.getSum()).isCloseTo(0.27, Offset.offset(1e-9));
    assertThat(credentials.getBoundaries())
        .containsExactly(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
    // 20 ms in (0.01, 0.025], 250 ms in (0.1, 0.25]
    assertThat(credentials.getCounts()).containsExactly(0L, 0L, 1L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(points.get(attrs("tether.layer", "github_token_revoke", "tether.outcome", "error")).getMax())
        .isEqualTo(3.0);

    assertThat(counts(SpanMetrics.DENIALS)).containsOnly(
        Map.entry(attrs("tether.guard", "exchange", "tether.tool", "openPullRequest", "tether.layer", "api_token"), 1L));
  }

  @Test
  void noAttributeIsAnIdAHostAResourceOrAReason() {
    span(Telemetry.SPAN_DERIVE).attribute("tether.layer", "tool_call").attribute("tether.tool", "readOwn")
        .attribute("tether.token.id", "call-secretish").attribute("task.id", "t-1").attribute("user.id", "alice")
        .attribute("tether.scope", "tools=readOwn").end();
    SpanHandle deny = span(Telemetry.SPAN_DECISION).attribute("tether.decision", "deny")
        .attribute("tether.reason", "outside the tool's scope").attribute("tether.aws.action", "s3:GetObject")
        .attribute("tether.aws.resource", "arn:aws:s3:::it-data/t-other/secret.txt")
        .attribute("tether.tool", "readOwn").attribute("tether.parent.id", "call-1")
        .attribute("tether.credential.id", "ASIA123");
    deny.fail("outside the tool's scope");
    deny.end();
    exchange("upstream_credential", "readOwn", 5, "refused");

    Set<String> keys = reader.collectAllMetrics().stream()
        .flatMap(m -> m.getData().getPoints().stream())
        .flatMap(p -> p.getAttributes().asMap().keySet().stream())
        .map(AttributeKey::getKey)
        .collect(Collectors.toSet());
    assertThat(keys).isNotEmpty()
        .isSubsetOf("tether.layer", "tether.tool", "tether.decision", "tether.guard", "tether.outcome");
  }

  @Test
  void theWarmUpRecordsNothingOnTheRealProviders() {
    MeterPipeline.exerciseMetricPath();
    span(Telemetry.SPAN_DERIVE).attribute("tether.layer", "task").end();

    assertThat(reader.collectAllMetrics()).extracting(MetricData::getName).containsExactly(SpanMetrics.DERIVATIONS);
  }

  private SpanHandle span(String name) {
    return new SpanHandle(tracer.spanBuilder(name).startSpan());
  }

  private void decision(String decision, String tool, String awsAction, String host) {
    SpanHandle span = span(Telemetry.SPAN_DECISION).attribute("tether.decision", decision)
        .attribute("tether.reason", "reason " + decision).attribute("tether.aws.action", awsAction)
        .attribute("tether.http.host", host).attribute("tether.tool", tool);
    if (decision.equals("deny")) {
      span.fail("reason");
    }
    span.end();
  }

  /** An exchange that took exactly {@code millis}. */
  private void exchange(String layer, String tool, long millis, String failure) {
    long start = TimeUnit.SECONDS.toNanos(1_700_000_000L);
    Span span = tracer.spanBuilder(Telemetry.SPAN_EXCHANGE).setStartTimestamp(start, TimeUnit.NANOSECONDS).startSpan();
    SpanHandle handle = new SpanHandle(span).attribute("tether.layer", layer).attribute("tether.tool", tool)
        .attribute("tether.parent.id", "call-1");
    if (failure != null) {
      handle.fail(failure);
    }
    span.end(start + TimeUnit.MILLISECONDS.toNanos(millis), TimeUnit.NANOSECONDS);
  }

  private MetricData metric(String name) {
    return reader.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }

  private Map<Attributes, Long> counts(String name) {
    Map<Attributes, Long> counts = new HashMap<>();
    for (LongPointData point : metric(name).getLongSumData().getPoints()) {
      counts.put(point.getAttributes(), point.getValue());
    }
    return counts;
  }

  private static Attributes attrs(String... keysAndValues) {
    AttributesBuilder builder = Attributes.builder();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      builder.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return builder.build();
  }
}
