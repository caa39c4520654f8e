package dev.tether.agent.internal.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Map;

/**
 * Prints one line per series to stderr: {@code [tether] metric tether.denials{tether.guard=aws,
 * tether.tool=readOwn} 1 {denial}}. Not the SDK's logging exporter: that one writes through
 * {@code java.util.logging}, whose own shutdown hook closes its handlers, so the export at exit
 * (for most runs the only one) would be lost.
 */
final class ConsoleMetricExporter implements MetricExporter {

  private final PrintStream out;

  ConsoleMetricExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    StringBuilder lines = new StringBuilder();
    for (MetricData metric : metrics) {
      for (PointData point : metric.getData().getPoints()) {
        lines.append("[tether] metric ").append(metric.getName()).append('{');
        String separator = "";
        for (Map.Entry<AttributeKey<?>, Object> attribute : point.getAttributes().asMap().entrySet()) {
          lines.append(separator).append(attribute.getKey().getKey()).append('=').append(attribute.getValue());
          separator = ",";
        }
        lines.append("} ");
        if (metric.getType() == MetricDataType.HISTOGRAM) {
          HistogramPointData histogram = (HistogramPointData) point;
          lines.append("count=").append(histogram.getCount())
              .append(" sum=").append(histogram.getSum())
              .append(" max=").append(histogram.hasMax() ? histogram.getMax() : 0.0)
              .append(' ').append(metric.getUnit());
        } else if (point instanceof LongPointData) {
          lines.append(((LongPointData) point).getValue()).append(' ').append(metric.getUnit());
        } else {
          lines.append(point);
        }
        lines.append(System.lineSeparator());
      }
    }
    out.print(lines);
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
