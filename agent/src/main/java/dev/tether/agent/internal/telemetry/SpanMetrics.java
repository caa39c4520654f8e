package dev.tether.agent.internal.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.Arrays;
import java.util.List;

/**
 * Counts Tether's spans as they end, so that the metrics can never disagree with the spans: each
 * derivation, decision, denial and exchange that is a span is a measurement, and nothing else is.
 * Attributes are those of the span that name a kind (layer, decision, what was guarded, tool),
 * never an id, a host, a resource or a reason, so the number of series stays bounded.
 *
 * <p>Runs on the thread that ends the span (a tool's), so it only reads attributes and adds to
 * instruments; the SDK's reader collects and exports on its own thread.
 */
final class SpanMetrics implements SpanProcessor {

  static final String DERIVATIONS = "tether.derivations";
  static final String DECISIONS = "tether.decisions";
  static final String DENIALS = "tether.denials";
  static final String EXCHANGE_DURATION = "tether.exchange.duration";

  static final AttributeKey<String> LAYER = AttributeKey.stringKey("tether.layer");
  static final AttributeKey<String> TOOL = AttributeKey.stringKey("tether.tool");
  static final AttributeKey<String> DECISION = AttributeKey.stringKey("tether.decision");
  static final AttributeKey<String> GUARD = AttributeKey.stringKey("tether.guard");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("tether.outcome");
  private static final AttributeKey<String> AWS_ACTION = AttributeKey.stringKey("tether.aws.action");

  /** What a decision guarded; an exchange refused is a denial of its own kind. */
  static final String GUARD_AWS = "aws";
  static final String GUARD_CREDENTIALS_PROVIDER = "credentials_provider";
  static final String GUARD_HTTP = "http";
  static final String GUARD_EXCHANGE = "exchange";

  /** AwsRequestGuard names a direct ask of a credentials provider this way in tether.aws.action. */
  private static final String PROVIDER_ACTION_PREFIX = "credentials:";
  /** An exchange whose failure refuses nothing: the GitHub token it revokes lapses at its expiry. */
  private static final String REVOCATION = "github_token_revoke";
  private static final String TOOL_CALL = "tool_call";

  /** Seconds: the HTTP semantic conventions' boundaries, a Vault exchange being one request. */
  private static final List<Double> DURATION_BOUNDARIES =
      Arrays.asList(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

  private final LongCounter derivations;
  private final LongCounter decisions;
  private final LongCounter denials;
  private final DoubleHistogram exchangeDuration;

  SpanMetrics(Meter meter) {
    derivations =
        meter.counterBuilder(DERIVATIONS)
            .setUnit("{derivation}")
            .setDescription("Tokens derived (tether.derive spans ended): task, turn and tool-call layers")
            .build();
    decisions =
        meter.counterBuilder(DECISIONS)
            .setUnit("{decision}")
            .setDescription("Enforcement decisions on guarded uses (tether.decision spans): allow, ambient, deny")
            .build();
    denials =
        meter.counterBuilder(DENIALS)
            .setUnit("{denial}")
            .setDescription("Uses Tether refused: deny decisions and refused exchanges")
            .build();
    exchangeDuration =
        meter.histogramBuilder(EXCHANGE_DURATION)
            .setUnit("s")
            .setDescription("Duration of exchanges of a tool-call token (tether.exchange spans)")
            .setExplicitBucketBoundariesAdvice(DURATION_BOUNDARIES)
            .build();
  }

  @Override
  public void onEnd(ReadableSpan span) {
    String name = span.getName();
    if (name.equals(Telemetry.SPAN_DECISION)) {
      decision(span);
    } else if (name.equals(Telemetry.SPAN_EXCHANGE)) {
      exchange(span);
    } else if (name.equals(Telemetry.SPAN_DERIVE)) {
      derivation(span);
    }
  }

  private void decision(ReadableSpan span) {
    String decision = span.getAttribute(DECISION);
    if (decision == null) {
      return;
    }
    String guard = guard(span);
    String tool = span.getAttribute(TOOL);
    decisions.add(1, attributes(DECISION, decision, GUARD, guard, TOOL, tool));
    if (decision.equals("deny")) {
      denials.add(1, attributes(GUARD, guard, TOOL, tool, null, null));
    }
  }

  /**
   * From the span's attributes: an HTTP decision names no AWS action, a direct ask of a
   * credentials provider names the provider as its action, an AWS SDK request its IAM action.
   */
  private static String guard(ReadableSpan span) {
    String action = span.getAttribute(AWS_ACTION);
    if (action == null) {
      return GUARD_HTTP;
    }
    return action.startsWith(PROVIDER_ACTION_PREFIX) ? GUARD_CREDENTIALS_PROVIDER : GUARD_AWS;
  }

  private void exchange(ReadableSpan span) {
    String layer = span.getAttribute(LAYER);
    boolean failed = failed(span);
    exchangeDuration.record(
        span.getLatencyNanos() / 1e9, attributes(LAYER, layer, OUTCOME, outcome(failed), null, null));
    if (failed && !REVOCATION.equals(layer)) {
      denials.add(1, attributes(GUARD, GUARD_EXCHANGE, TOOL, span.getAttribute(TOOL), LAYER, layer));
    }
  }

  private void derivation(ReadableSpan span) {
    String layer = span.getAttribute(LAYER);
    String tool = TOOL_CALL.equals(layer) ? span.getAttribute(TOOL) : null;
    derivations.add(1, attributes(LAYER, layer, TOOL, tool, OUTCOME, outcome(failed(span))));
  }

  /** ReadableSpan has no status of its own; an ended span's data wraps its fields, uncopied. */
  private static boolean failed(ReadableSpan span) {
    return span.toSpanData().getStatus().getStatusCode() == StatusCode.ERROR;
  }

  private static String outcome(boolean failed) {
    return failed ? "error" : "ok";
  }

  /** Up to three attributes; a {@code null} value leaves its attribute out. */
  private static Attributes attributes(
      AttributeKey<String> k1, String v1, AttributeKey<String> k2, String v2,
      AttributeKey<String> k3, String v3) {
    AttributesBuilder builder = Attributes.builder();
    put(builder, k1, v1);
    put(builder, k2, v2);
    put(builder, k3, v3);
    return builder.build();
  }

  private static void put(AttributesBuilder builder, AttributeKey<String> key, String value) {
    if (key != null && value != null) {
      builder.put(key, value);
    }
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }
}
