package dev.tether.agent.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConsoleMetricExporterTest {

  @Test
  void printsOneLinePerSeriesWithItsAttributesValueAndUnit() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
    SdkTracerProvider tracers = SdkTracerProvider.builder()
        .addSpanProcessor(new SpanMetrics(meters.get(MeterPipeline.SCOPE))).build();
    Span decision = tracers.get("t").spanBuilder(Telemetry.SPAN_DECISION).startSpan();
    decision.setAttribute("tether.decision", "deny");
    decision.setAttribute("tether.tool", "readOwn");
    decision.setAttribute("tether.aws.action", "s3:GetObject");
    decision.end();
    Span exchange = tracers.get("t").spanBuilder(Telemetry.SPAN_EXCHANGE)
        .setStartTimestamp(1_000, TimeUnit.MILLISECONDS).startSpan();
    exchange.setAttribute("tether.layer", "api_token");
    exchange.setStatus(StatusCode.ERROR, "refused");
    exchange.end(1_500, TimeUnit.MILLISECONDS);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    new ConsoleMetricExporter(new PrintStream(printed, true, StandardCharsets.UTF_8)).export(reader.collectAllMetrics());

    assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactlyInAnyOrder(
        "[tether] metric tether.decisions{tether.decision=deny,tether.guard=aws,tether.tool=readOwn} 1 {decision}",
        "[tether] metric tether.denials{tether.guard=aws,tether.tool=readOwn} 1 {denial}",
        "[tether] metric tether.denials{tether.guard=exchange,tether.layer=api_token} 1 {denial}",
        "[tether] metric tether.exchange.duration{tether.layer=api_token,tether.outcome=error} count=1 sum=0.5 max=0.5 s");
    tracers.close();
    meters.close();
  }
}
