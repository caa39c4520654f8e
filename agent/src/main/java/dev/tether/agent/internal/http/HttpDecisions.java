package dev.tether.agent.internal.http;

import dev.tether.agent.internal.config.ToolConfig;
import dev.tether.agent.internal.context.ToolBoundaries;
import dev.tether.agent.internal.context.ToolCall;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.bootstrap.TetherDeniedException;
import java.util.List;

/**
 * The guard's verdicts on HTTP requests, each a {@code tether.decision} span under the tool call's,
 * and the egress list's check and refusal, which names the tool, the host, the list and where it
 * is configured.
 */
final class HttpDecisions {

  private final Telemetry telemetry;
  private final String configSource;

  HttpDecisions(Telemetry telemetry, String configSource) {
    this.telemetry = telemetry;
    this.configSource = configSource;
  }

  /** Whether the call's egress list admits {@code host}. */
  static boolean inEgress(ToolCall call, String host) {
    return EgressList.allows(egress(call), host);
  }

  /**
   * Records the refusal of {@code what}, addressed to {@code host} outside the call's egress list,
   * and returns the exception to throw; {@code more} ends its message.
   */
  TetherDeniedException outsideEgress(ToolCall call, String host, String what, String more) {
    List<String> egress = egress(call);
    return deny(call, host, "Tether refused " + what + " in tool '" + call.tool() + "': the host"
        + " is not in the tool's egress list " + egress + " (" + configSource + ", tools["
        + call.tool() + "].egress); nothing was sent" + more);
  }

  /** Records the refusal and returns the exception to throw. */
  TetherDeniedException deny(ToolCall call, String host, String message) {
    decision(call, host, "deny", message, null);
    return new TetherDeniedException(message);
  }

  void allow(ToolCall call, String host, String reason, String token) {
    decision(call, host, "allow", reason, token);
  }

  /** A refusal whose exception exists already (a token that could not be had). */
  void denied(ToolCall call, String host, String reason, String token) {
    decision(call, host, "deny", reason, token);
  }

  private static List<String> egress(ToolCall call) {
    Object boundary = call.boundary();
    if (boundary instanceof ToolBoundaries.Binding) {
      ToolConfig config = ((ToolBoundaries.Binding) boundary).config();
      if (config != null) {
        return config.egress();
      }
    }
    return List.of();
  }

  private void decision(ToolCall call, String host, String decision, String reason, String token) {
    if (!telemetry.recording()) {
      return; // one decision per request: nothing gathered for a span that is not recorded
    }
    SpanHandle span = telemetry
        .start(Telemetry.SPAN_DECISION, call.span())
        .attribute("tether.decision", decision)
        .attribute("tether.reason", reason)
        .attribute("tether.http.host", host)
        .attribute("tether.api.token", token)
        .attribute("tether.tool", call.tool())
        .attribute("tether.parent.id", call.callId());
    if (decision.equals("deny")) {
      span.fail(reason);
    }
    span.end();
  }
}
