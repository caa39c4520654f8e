package dev.tether.agent.internal.telemetry;

/**
 * Runs the agent's own requests (the Vault, attestors, GitHub revocations, span export) with the
 * OpenTelemetry Java agent's instrumentation suppressed, when that agent is attached: it neither
 * traces them nor puts its trace headers into them, as it does for its own exporters.
 */
public final class Untraced {

  /** One request of the agent's own. */
  public interface Request<T, E extends Exception> {
    T send() throws E;
  }

  private Untraced() {}

  public static <T, E extends Exception> T send(Request<T, E> request) throws E {
    OtelJavaAgentApi api = OtelJavaAgentApi.get();
    if (api == null) {
      return request.send();
    }
    Suppressed<T, E> run = new Suppressed<>(request);
    try {
      api.suppressInstrumentation.invokeExact((Runnable) run);
    } catch (Throwable e) {
      if (!run.ran) {
        return request.send(); // that agent failed before running it: send it traced
      }
      throw asUnchecked(e);
    }
    return run.result();
  }

  private static RuntimeException asUnchecked(Throwable e) {
    if (e instanceof Error) {
      throw (Error) e;
    }
    return e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
  }

  /** The request as a Runnable, keeping its answer or its exception for the caller's thread. */
  private static final class Suppressed<T, E extends Exception> implements Runnable {
    private final Request<T, E> request;
    private boolean ran;
    private T answer;
    private Exception failure;

    Suppressed(Request<T, E> request) {
      this.request = request;
    }

    @Override
    public void run() {
      ran = true;
      try {
        answer = request.send();
      } catch (Exception e) {
        failure = e;
      }
    }

    @SuppressWarnings("unchecked")
    T result() throws E {
      if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      if (failure != null) {
        throw (E) failure; // request.send() declares only E
      }
      return answer;
    }
  }
}
