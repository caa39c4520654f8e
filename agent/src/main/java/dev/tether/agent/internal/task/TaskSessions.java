package dev.tether.agent.internal.task;

import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultException;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenFormatException;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.RedeemRequest;

/**
 * The task this JVM currently runs. At the first boundary of a task it redeems the grant (once:
 * the Vault refuses a second redemption); when the runtime hands over another grant it ends the
 * previous session first, so nothing of one task (tokens, cached credentials) serves the next.
 */
public final class TaskSessions {

  private final GrantSource grants;
  private final VaultClient vault;
  private final Telemetry telemetry;
  private final String agentName;

  private volatile TaskSession active;
  private String refusedGrant;
  private String refusal;

  public TaskSessions(GrantSource grants, VaultClient vault, Telemetry telemetry, String agentName) {
    this.grants = grants;
    this.vault = vault;
    this.telemetry = telemetry;
    this.agentName = agentName;
  }

  /** The session for the grant the runtime provides now, redeemed at its first use. */
  public synchronized TaskSession current() throws TaskUnavailable {
    String grant = grants.read();
    TaskSession session = active;
    if (session != null && session.isFor(grant)) {
      return session;
    }
    if (session != null) {
      session.end(); // another task now: nothing of the previous one may be used again
      active = null;
    }
    if (grant.equals(refusedGrant)) {
      throw new TaskUnavailable(refusal, false);
    }
    session = redeem(grant);
    active = session;
    return session;
  }

  private TaskSession redeem(String grant) throws TaskUnavailable {
    SpanHandle span =
        telemetry.start(Telemetry.SPAN_DERIVE, null).attribute("tether.layer", "task");
    try {
      IssuedToken issued = vault.redeem(new RedeemRequest(grant, agentName, null));
      LayeredToken token = LayeredToken.parse(issued.token());
      if (token.last().kind() != LayerKind.TASK) {
        throw new TaskUnavailable(
            "the Vault answered the redemption with a " + token.last().kind().wireName()
                + " token instead of a task token", true);
      }
      span.attribute("tether.token.id", token.last().id())
          .attribute("tether.parent.id", token.grant().id())
          .attribute("task.id", token.grant().taskId())
          .attribute("user.id", token.grant().userId())
          .attribute("tether.scope", token.effectiveScope().summary());
      return new TaskSession(grant, token, span);
    } catch (VaultException e) {
      boolean transientFailure = e.status() == 0 || e.status() >= 500;
      String message = "Tether could not redeem the task grant: " + e.getMessage();
      if (!transientFailure) {
        refusedGrant = grant;
        refusal = message;
      }
      span.fail(message);
      throw new TaskUnavailable(message, transientFailure);
    } catch (TokenFormatException e) {
      span.fail(e.getMessage());
      throw new TaskUnavailable("the Vault's task token is unreadable: " + e.getMessage(), true);
    } catch (TaskUnavailable e) {
      span.fail(e.getMessage());
      throw e;
    } finally {
      span.end();
    }
  }

  /** A label for this workload in the delegation chain: {@code TETHER_AGENT_NAME}, or the pid. */
  public static String agentName() {
    String name = System.getProperty("tether.agent.name");
    if (name == null || name.isBlank()) {
      name = System.getenv("TETHER_AGENT_NAME");
    }
    if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._:/@+=,-]{1,64}")) {
      name = "jvm-" + ProcessHandle.current().pid();
    }
    return name;
  }
}
