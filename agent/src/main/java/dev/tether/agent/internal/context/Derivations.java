package dev.tether.agent.internal.context;

import dev.tether.agent.internal.config.TurnRule;
import dev.tether.agent.internal.task.TaskSession;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.token.Attenuation;
import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.EffectiveScope;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.TokenMinter;
import dev.tether.core.token.ToolRights;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the turn and tool-call layers offline, at their boundaries, each with a {@code
 * tether.derive} span. A derivation that would widen its parent is not made: the turn or call then
 * carries the reason, and every credential use inside it is refused with that reason.
 */
public final class Derivations {

  /** A turn token lives at most this long (and never past the task). */
  static final long TURN_SECONDS = 3600;

  private final Telemetry telemetry;
  private final TurnRule rule;

  public Derivations(Telemetry telemetry, TurnRule rule) {
    this.telemetry = telemetry;
    this.rule = rule;
  }

  /** The turn token: the task narrowed to the tools and repositories the turn rule resolves. */
  public Turn turn(TaskSession session, int number) {
    LayeredToken task = session.token();
    EffectiveScope scope = task.effectiveScope();
    long now = nowSeconds();
    TokenLayer layer =
        turnLayer(
            task, number, now, Math.min(scope.expiresAt(), now + TURN_SECONDS),
            rule.repos(scope.repos()), rule.tools(scope.tools().keySet()));
    SpanHandle span = span("turn", session.span(), session, task.last().id());
    try {
      LayeredToken token = Attenuation.derive(task, layer);
      described(span, token);
      return new Turn(token.last().id(), number, session, token, null, span);
    } catch (ChainRefusal | IllegalArgumentException e) {
      String reason = "the turn token could not be derived: " + e.getMessage();
      span.fail(reason);
      return new Turn("turn-" + number, number, session, null, reason, span);
    }
  }

  /**
   * The turn of one tool phase, for a framework that hands over the tool calls a model response
   * asked for: the task (or the enclosing turn, when one is running) narrowed to those tools.
   * Tools the enclosing scope lacks are left out; their calls then get no token.
   *
   * @param within the turn running around the tool phase, or {@code null}
   */
  public Turn toolPhase(TaskSession session, Turn within, int number, Collection<String> requested) {
    if (within != null && within.token() == null) {
      return refusedTurn(number, within.refusal());
    }
    LayeredToken task = session.token();
    EffectiveScope scope = (within != null ? within.token() : task).effectiveScope();
    List<String> allowed =
        within != null ? new ArrayList<>(scope.tools().keySet()) : rule.tools(scope.tools().keySet());
    List<String> tools = new ArrayList<>();
    for (String tool : requested) {
      if (allowed.contains(tool)) {
        tools.add(tool);
      }
    }
    List<String> repos = within != null ? scope.repos() : rule.repos(scope.repos());
    long now = nowSeconds();
    TokenLayer layer =
        turnLayer(task, number, now, Math.min(scope.expiresAt(), now + TURN_SECONDS), repos, tools);
    SpanHandle parent = within != null ? within.span() : session.span();
    SpanHandle span =
        span("turn", parent, session, (within != null ? within.token() : task).last().id())
            .attribute("tether.narrowed", "tool-phase");
    try {
      LayeredToken token = Attenuation.derive(task, layer);
      described(span, token);
      return new Turn(token.last().id(), number, session, token, null, span);
    } catch (ChainRefusal | IllegalArgumentException e) {
      String reason = "the turn token could not be derived: " + e.getMessage();
      span.fail(reason);
      return new Turn("turn-" + number, number, session, null, reason, span);
    }
  }

  /** A turn for a task that could not be started: every tool call in it is refused. */
  public Turn refusedTurn(int number, String reason) {
    SpanHandle span = telemetry.start(Telemetry.SPAN_DERIVE, null).attribute("tether.layer", "turn");
    span.fail(reason);
    return new Turn("turn-" + number, number, null, null, reason, span);
  }

  /**
   * Narrows a running turn further, for a runtime that knows its turn plan: the turn token is
   * derived again from the task, within what the turn already had.
   *
   * @return {@code null}, or why the turn was left as it was
   */
  public String narrow(Turn turn, Collection<String> tools, Collection<String> repos) {
    LayeredToken current = turn.token();
    if (current == null) {
      return turn.refusal();
    }
    EffectiveScope had = current.effectiveScope();
    for (String tool : tools) {
      if (!had.tools().containsKey(tool)) {
        return "tool " + tool + " is not part of this turn (" + String.join(", ", had.tools().keySet())
            + "); a turn can only narrow";
      }
    }
    for (String repo : repos) {
      if (!had.repos().contains(repo)) {
        return "repository " + repo + " is not part of this turn (" + String.join(", ", had.repos())
            + "); a turn can only narrow";
      }
    }
    LayeredToken task = turn.session().token();
    TokenLayer layer =
        turnLayer(
            task, turn.number(), had.issuedAt(), had.expiresAt(), new ArrayList<>(repos), tools);
    SpanHandle span = span("turn", turn.span(), turn.session(), current.last().id());
    try {
      LayeredToken narrower = Attenuation.derive(task, layer);
      described(span.attribute("tether.narrowed", "api"), narrower);
      turn.narrowTo(narrower);
      return null;
    } catch (ChainRefusal | IllegalArgumentException e) {
      span.fail(e.getMessage());
      return e.getMessage();
    } finally {
      span.end();
    }
  }

  /**
   * The tool-call token: one tool, at most {@link TokenLayer#MAX_TOOL_CALL_SECONDS}, its scope the
   * configured one when the configuration narrows it, else the parent's.
   */
  public ToolCall toolCall(
      TaskSession session,
      Turn turn,
      String tool,
      AwsScope configured,
      Object boundary,
      String whyNoTask) {
    LayeredToken parent = turn != null ? turn.token() : session == null ? null : session.token();
    SpanHandle span = toolCallSpan(session, turn, parent, tool);
    if (parent == null) {
      return refused(span, session, turn, tool, boundary, turn != null ? turn.refusal() : whyNoTask);
    }
    try {
      LayeredToken token = Attenuation.derive(parent, toolLayer(parent, tool, configured));
      described(span, token);
      return new ToolCall(tool, token.last().id(), turn, boundary, span, session, token, null);
    } catch (ChainRefusal | IllegalArgumentException e) {
      return refused(span, session, turn, tool, boundary, "tool '" + tool + "' gets no token: " + e.getMessage());
    }
  }

  /**
   * A tool call that gets no token, for {@code reason} (a tool the configuration does not list):
   * its span sits where the call's would, and every credential use in it is refused.
   */
  public ToolCall refusedToolCall(
      TaskSession session, Turn turn, String tool, Object boundary, String reason) {
    LayeredToken parent = turn != null ? turn.token() : session == null ? null : session.token();
    return refused(toolCallSpan(session, turn, parent, tool), session, turn, tool, boundary, reason);
  }

  /** A tool call's span, under its turn's (or else its task's), naming its parent token. */
  private SpanHandle toolCallSpan(TaskSession session, Turn turn, LayeredToken parent, String tool) {
    SpanHandle parentSpan = turn != null ? turn.span() : session == null ? null : session.span();
    String parentId = parent == null ? null : parent.last().id();
    return span("tool_call", parentSpan, session, parentId).attribute("tether.tool", tool);
  }

  private static ToolCall refused(
      SpanHandle span, TaskSession session, Turn turn, String tool, Object boundary, String reason) {
    span.fail(reason);
    return new ToolCall(tool, TokenMinter.newId("call-"), turn, boundary, span, session, null, reason);
  }

  /**
   * The call's token, derived again from the same parent when it expires within {@code
   * marginSeconds}: a tool-call token lives a minute, a tool call may run longer.
   */
  public LayeredToken currentToken(ToolCall call, long marginSeconds) throws ChainRefusal {
    LayeredToken token = call.token();
    if (token.last().expiresAt() - nowSeconds() > marginSeconds) {
      return token;
    }
    synchronized (call) {
      token = call.token();
      if (token.last().expiresAt() - nowSeconds() > marginSeconds) {
        return token;
      }
      LayeredToken parent = call.turn() != null ? call.turn().token() : call.session().token();
      TokenLayer previous = token.last();
      LayeredToken fresh =
          Attenuation.derive(
              parent,
              toolLayer(previous.id(), parent, previous.actor(), previous.repos(), previous.tools()));
      call.renewToken(fresh);
      return fresh;
    }
  }

  private TokenLayer toolLayer(LayeredToken parent, String tool, AwsScope configured) {
    ToolRights rights =
        configured == null || configured.isEmpty() ? ToolRights.inherited() : ToolRights.of(configured);
    return toolLayer(
        TokenMinter.newId("call-"), parent, "tool:" + tool, parent.effectiveScope().repos(),
        Map.of(tool, rights));
  }

  /** A tool-call layer issued now, living a tool call's longest life or its parent's, the shorter. */
  private static TokenLayer toolLayer(
      String id,
      LayeredToken parent,
      String actor,
      List<String> repos,
      Map<String, ToolRights> tools) {
    long now = nowSeconds();
    long end = Math.min(parent.effectiveScope().expiresAt(), now + TokenLayer.MAX_TOOL_CALL_SECONDS);
    return new TokenLayer(
        LayerKind.TOOL, id, parent.last().id(), null, null, null, null, actor, now, end, repos,
        tools);
  }

  /** A turn layer below the task token, every tool's scope as the task's. */
  private static TokenLayer turnLayer(
      LayeredToken task,
      int number,
      long issuedAt,
      long expiresAt,
      List<String> repos,
      Collection<String> tools) {
    return new TokenLayer(
        LayerKind.TURN, TokenMinter.newId("tn-"), task.last().id(), null, null, null, null,
        "turn:" + number, issuedAt, expiresAt, repos, inherited(tools));
  }

  private SpanHandle span(String layer, SpanHandle parent, TaskSession session, String parentId) {
    SpanHandle span =
        telemetry.start(Telemetry.SPAN_DERIVE, parent)
            .attribute("tether.layer", layer)
            .attribute("tether.parent.id", parentId);
    if (session != null) {
      LayeredToken task = session.token();
      span.attribute("task.id", task.grant().taskId()).attribute("user.id", task.grant().userId());
    }
    return span;
  }

  private static void described(SpanHandle span, LayeredToken token) {
    span.attribute("tether.token.id", token.last().id())
        .attribute("tether.scope", token.effectiveScope().summary());
  }

  private static Map<String, ToolRights> inherited(Collection<String> tools) {
    Map<String, ToolRights> rights = new LinkedHashMap<>();
    for (String tool : tools) {
      rights.put(tool, ToolRights.inherited());
    }
    return rights;
  }

  private static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }
}
