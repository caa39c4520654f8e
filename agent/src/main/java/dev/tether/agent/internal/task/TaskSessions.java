package dev.tether.agent.internal.task;

import dev.tether.agent.internal.attest.AttestationUnavailable;
import dev.tether.agent.internal.attest.WorkloadAttestation;
import dev.tether.agent.internal.config.VaultConfig;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultException;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenFormatException;
import dev.tether.core.wire.Binding;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.core.wire.RedeemRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The task this JVM currently runs. At the first boundary of a task it redeems the grant (once:
 * the Vault refuses a second redemption); when the runtime hands over another grant it ends the
 * previous session first, so nothing of one task (tokens, cached credentials) serves the next.
 * While a session is active a background poll, and every refusal from the Vault, tell it whether
 * the orchestrator revoked the task or one of its tools ({@link Containment}).
 */
public final class TaskSessions {

  /** A binding this close to its end is renewed before use rather than risked. */
  static final long FRESHNESS_MARGIN_MILLIS = 30_000;
  private static final boolean DEBUG = Boolean.getBoolean("tether.debug");

  private final GrantSource grants;
  private final VaultClient vault;
  private final WorkloadAttestation attestation;
  private final Telemetry telemetry;
  private final String agentName; // null: labelled by the pid, looked up at redemption
  private final Containment containment;
  private final RevocationWatch revocations;
  private ScheduledExecutorService renewals;

  private volatile TaskSession active;
  private final AtomicBoolean preparing = new AtomicBoolean();
  private String refusedGrant;
  private String refusal;

  public TaskSessions(
      GrantSource grants,
      VaultClient vault,
      WorkloadAttestation attestation,
      Telemetry telemetry,
      String agentName) {
    this(grants, vault, attestation, telemetry, agentName,
        VaultConfig.DEFAULT_REVOCATION_POLL);
  }

  /** @param revocationPoll how often the active task's revocations are read from the Vault */
  public TaskSessions(
      GrantSource grants,
      VaultClient vault,
      WorkloadAttestation attestation,
      Telemetry telemetry,
      String agentName,
      Duration revocationPoll) {
    this.grants = grants;
    this.vault = vault;
    this.attestation = attestation;
    this.telemetry = telemetry;
    this.agentName = agentName;
    this.containment = new Containment(telemetry);
    this.revocations = new RevocationWatch(vault, containment, revocationPoll);
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
    scheduleRenewals(session);
    revocations.watch(session);
    return session;
  }

  /** The session redeemed last, or {@code null}: for tests of when redemption happens. */
  TaskSession active() {
    return active;
  }

  /**
   * Redeems the runtime's grant now, if it has handed one over, so that a launcher's ticket is
   * spent on this JVM's key at start-up and the first tool call does not wait for the Vault.
   * Failures are left for the first boundary to report.
   */
  public void prepare() {
    if (!grants.isAvailable()) {
      return;
    }
    try {
      current();
    } catch (TaskUnavailable e) {
      // The first boundary tries again (or reports the refusal) on its own thread.
    }
  }

  /**
   * Starts {@link #prepare()} on a thread of its own when a grant is there and no task is active
   * yet. Called where the application shows that it will soon need credentials (it builds an AWS
   * SDK client): a grant handed over after start-up is then redeemed while the application is
   * still setting up, not at its first tool call. Returns at once; a failure is left for the
   * first boundary, as with {@link #prepare()}.
   */
  public void prepareSoon() {
    if (active != null || !grants.isAvailable() || !preparing.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(new Preparation(), "tether-redeem");
    thread.setDaemon(true);
    thread.start();
  }

  /** A named class rather than a lambda: each lambda is a class spun at run time. */
  private final class Preparation implements Runnable {
    @Override
    public void run() {
      try {
        prepare();
      } finally {
        preparing.set(false);
      }
    }
  }

  /**
   * Why the session's credentials may not be used now, or {@code null} when they may: its
   * attestation binding is fresh, or was renewed just now.
   */
  public String bindingProblem(TaskSession session) {
    if (session.bindingFreshAt(System.currentTimeMillis(), FRESHNESS_MARGIN_MILLIS)) {
      return null;
    }
    try {
      renew(session);
      return null;
    } catch (TaskUnavailable e) {
      return "the workload's attestation binding is stale and could not be renewed ("
          + e.getMessage() + ")";
    }
  }

  /**
   * Renews the session's binding with fresh evidence: on schedule, before a use when it went
   * stale, and when the Vault answers {@code attestation_stale}.
   */
  public void renew(TaskSession session) throws TaskUnavailable {
    synchronized (session) {
      if (!session.isActive()) {
        throw new TaskUnavailable("the task has ended", false);
      }
      Binding before = session.binding();
      long age = before == null ? -1 : System.currentTimeMillis() - before.attestedAt().toEpochMilli();
      try {
        Evidence evidence = attestation.evidence("renew", age, session.span());
        session.renewed(vault.reattest(new ReattestRequest(session.token().encode(), evidence)));
      } catch (AttestationUnavailable e) {
        throw new TaskUnavailable(e.getMessage(), true);
      } catch (VaultException e) {
        containment.learnFromRefusal(session, null, e);
        throw new TaskUnavailable("the Vault refused the re-attestation: " + e.getMessage(),
            e.status() == 0 || e.status() >= 500);
      }
    }
  }

  /** One request to the Vault on behalf of a session. */
  @FunctionalInterface
  public interface VaultCall<T> {
    T call() throws VaultException;
  }

  /**
   * Runs {@code request}; when the Vault answers {@code attestation_stale} (clocks disagree, or
   * its maximum age is shorter than the agent's schedule, or it asked every workload to attest
   * again), renews the session's binding and runs it once more.
   */
  public <T> T withFreshBinding(TaskSession session, VaultCall<T> request)
      throws VaultException, TaskUnavailable {
    try {
      return request.call();
    } catch (VaultException e) {
      if (!STALE.equals(e.code())) {
        throw e;
      }
      renew(session);
      return request.call();
    }
  }

  private static final String STALE = "attestation_stale";

  /**
   * Takes a refusal the Vault answered a request of {@code tool} ({@code null}: of the task) with
   * as news when it says the task or the tool is revoked: the session then refuses their every
   * further use, and a {@code tether.containment} span records it (once).
   *
   * @return whether the refusal said so
   */
  public boolean learnRevocation(TaskSession session, String tool, VaultException refusal) {
    return containment.learnFromRefusal(session, tool, refusal);
  }

  /** Reads the session's revocations from the Vault now, on the calling thread: for tests. */
  void pollRevocationsNow(TaskSession session) {
    revocations.pollNow(session);
  }

  // One daemon thread renews the active session's binding, at the configured period or at half
  // the binding's lifetime, whichever is shorter; it stops with the session.
  private void scheduleRenewals(TaskSession session) {
    Binding binding = session.binding();
    long period = attestation.refresh().toMillis();
    if (binding != null) {
      long lifetime = binding.freshUntil().toEpochMilli() - binding.attestedAt().toEpochMilli();
      period = Math.max(1_000, Math.min(period, lifetime / 2));
    }
    if (renewals == null) {
      renewals = Executors.newSingleThreadScheduledExecutor(new RenewalThreads());
    }
    RenewalTask task = new RenewalTask(this, session);
    task.future = renewals.scheduleWithFixedDelay(task, period, period, TimeUnit.MILLISECONDS);
  }

  private static final class RenewalTask implements Runnable {
    private final TaskSessions sessions;
    private final TaskSession session;
    volatile ScheduledFuture<?> future;

    RenewalTask(TaskSessions sessions, TaskSession session) {
      this.sessions = sessions;
      this.session = session;
    }

    @Override
    public void run() {
      if (!session.isActive() || session.fullyRevoked()) {
        ScheduledFuture<?> f = future;
        if (f != null) {
          f.cancel(false);
        }
        return;
      }
      try {
        sessions.renew(session);
      } catch (TaskUnavailable | RuntimeException e) {
        // Recorded on the tether.attest span; the next use renews or refuses.
      }
    }
  }

  private static final class RenewalThreads implements ThreadFactory {
    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "tether-attest");
      thread.setDaemon(true);
      return thread;
    }
  }

  private TaskSession redeem(String grant) throws TaskUnavailable {
    SpanHandle span =
        telemetry.start(Telemetry.SPAN_DERIVE, null).attribute("tether.layer", "task");
    try {
      long start = System.nanoTime();
      Evidence evidence = attestation.evidence("redeem", -1, span);
      long attested = System.nanoTime();
      IssuedToken issued = vault.redeem(
          new RedeemRequest(grant, agentName != null ? agentName : pidName(), evidence));
      if (DEBUG) {
        System.err.printf("[tether] redemption: attestation %d ms, redeem %d ms%n",
            (attested - start) / 1_000_000, (System.nanoTime() - attested) / 1_000_000);
      }
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
      if (issued.binding() != null) {
        span.attribute("tether.attestation.kind", issued.binding().kind())
            .attribute("tether.attestation.strength", issued.binding().strength());
      }
      return new TaskSession(grant, token, span, issued.binding());
    } catch (VaultException e) {
      boolean transientFailure = e.status() == 0 || e.status() >= 500;
      String message = "Tether could not redeem the task grant: " + e.getMessage();
      if (!transientFailure) {
        refusedGrant = grant;
        refusal = message;
      }
      span.fail(message);
      throw new TaskUnavailable(message, transientFailure);
    } catch (AttestationUnavailable e) {
      String message = "Tether could not attest this workload to redeem the task grant: "
          + e.getMessage();
      span.fail(message);
      throw new TaskUnavailable(message, true);
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

  /**
   * A label for this workload in the delegation chain: {@code TETHER_AGENT_NAME}, or {@code null}
   * for the pid, which {@link #redeem} looks up when it needs it: the JDK's process handle takes
   * milliseconds to initialise, and premain has better things to do with them.
   */
  public static String agentName() {
    String name = System.getProperty("tether.agent.name");
    if (name == null || name.isBlank()) {
      name = System.getenv("TETHER_AGENT_NAME");
    }
    if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._:/@+=,-]{1,64}")) {
      return null;
    }
    return name;
  }

  private static String pidName() {
    return "jvm-" + ProcessHandle.current().pid();
  }
}
