package dev.tether.agent.internal.task;

import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultException;
import dev.tether.core.wire.Revocation;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies what the agent learns of revocations to its task session, once per revoked task or
 * tool, with a {@code tether.containment} span: from then on every use of the task's (or the
 * tool's) tokens and credentials is refused inside the JVM, and what a tool call holds is dropped
 * at its next use.
 */
public final class Containment {

  /** How the agent learnt of it: its background poll, or a refusal at an exchange. */
  public static final String POLL = "poll";
  public static final String EXCHANGE = "exchange";

  static final String TASK_REVOKED = "task_revoked";
  static final String TOOL_REVOKED = "tool_revoked";

  private static final int MAX_REASON = 256;

  private final Telemetry telemetry;

  public Containment(Telemetry telemetry) {
    this.telemetry = telemetry;
  }

  /** Records {@code revocation} for {@code session}; a span the first time only. */
  void learn(TaskSession session, Revocation revocation, String source) {
    if (!session.taskIdIs(revocation.taskId()) || !session.revoked(revocation)) {
      return;
    }
    SpanHandle span = telemetry.start(Telemetry.SPAN_CONTAINMENT, session.span())
        .attribute("task.id", revocation.taskId())
        .attribute("tether.tool", revocation.tool())
        .attribute("tether.revocation.scope", revocation.wholeTask() ? "task" : "tool")
        .attribute("tether.reason", revocation.reason())
        .attribute("tether.revocation.id", revocation.id())
        .attribute("tether.revocation.source", source)
        .attribute("tether.revoked_at", revocation.revokedAt().toString());
    span.end();
  }

  /**
   * Takes a Vault refusal that says the task or the tool is revoked as news.
   *
   * @param tool the tool the refused request was for, {@code null} for the task's own requests
   * @return whether it said so
   */
  boolean learnFromRefusal(TaskSession session, String tool, VaultException refusal) {
    String code = refusal.code();
    if (!TASK_REVOKED.equals(code) && !TOOL_REVOKED.equals(code)) {
      return false;
    }
    Revocation revocation = fromRefusal(session, tool, code, refusal.getMessage());
    if (revocation != null) {
      learn(session, revocation, EXCHANGE);
    }
    return true;
  }

  /**
   * The revocation a refusal describes; when its message is not in the form this agent knows (a
   * Vault of another version), what the code says, with the message as the reason; {@code null}
   * when that is not enough (a tool's revocation on a request for no tool).
   */
  static Revocation fromRefusal(TaskSession session, String tool, String code, String message) {
    Matcher m = RefusalForm.PATTERN.matcher(message == null ? "" : message);
    if (m.find()) {
      try {
        boolean wholeTask = m.group(1) != null;
        return new Revocation(m.group(5), wholeTask ? m.group(1) : m.group(3),
            wholeTask ? null : m.group(2), clip(m.group(6)), Instant.parse(m.group(4)));
      } catch (RuntimeException unreadable) {
        // fall through: the message only looked like one
      }
    }
    if (TOOL_REVOKED.equals(code) && tool == null) {
      return null;
    }
    String task = session.token().grant().taskId();
    return new Revocation("rv-unknown", task, TOOL_REVOKED.equals(code) ? tool : null,
        clip(message == null ? code : message), Instant.now());
  }

  /**
   * The Vault's refusal message, as its Revocations writes it. In a holder: the agent builds this
   * class in premain, and compiles the pattern only when a refusal needs reading.
   */
  private static final class RefusalForm {
    static final Pattern PATTERN = Pattern.compile(
        "(?:task (\\S+)|tool '([^']+)' of task (\\S+)) was revoked at (\\S+) \\(revocation"
            + " ([A-Za-z0-9_-]+)\\): (.*); (?:every token of the task is refused"
            + "|the task's other tools are still served)$");
  }

  private static String clip(String reason) {
    return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
  }
}
