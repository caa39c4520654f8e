package dev.tether.demo.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Runs each step of the script, catches whatever it throws and records what happened. A refusal is
 * recognised by the exception's class name anywhere in the cause chain, so this code needs no
 * Tether class and runs the same with and without the agent.
 */
public final class CallLog {

  /** The exception Tether throws when it refuses a call; compared by name, never imported. */
  static final String TETHER_DENIED = "dev.tether.bootstrap.TetherDeniedException";

  // Enough for any real wrapping (CompletionException, SdkClientException...), and ends a cycle.
  private static final int MAX_CAUSES = 32;

  private final List<CallRecord> records = new CopyOnWriteArrayList<>();
  private volatile int turn;

  void beginTurn(int turn) {
    this.turn = turn;
  }

  void endTurn() {
    this.turn = 0;
  }

  /** The steps recorded so far, in order. */
  public List<CallRecord> records() {
    return List.copyOf(records);
  }

  /**
   * Runs {@code step} and records it.
   *
   * @param step returns a one-line summary of its result
   */
  void record(
      String tool,
      String description,
      String operation,
      String bucket,
      String key,
      Outcome expected,
      Supplier<String> step) {
    Outcome outcome;
    String detail;
    try {
      detail = step.get();
      outcome = Outcome.ALLOWED;
    } catch (RuntimeException e) {
      Throwable denial = findDenial(e);
      outcome = denial != null ? Outcome.REFUSED : Outcome.FAILED;
      detail = denial != null ? oneLine(denial, true) : oneLine(e, false);
    }
    records.add(
        new CallRecord(turn, tool, description, operation, bucket, key, expected, outcome, detail));
  }

  static Throwable findDenial(Throwable thrown) {
    int depth = 0;
    for (Throwable t = thrown; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
        if (c.getName().equals(TETHER_DENIED)) {
          return t;
        }
      }
    }
    return null;
  }

  private static String oneLine(Throwable t, boolean denial) {
    String first =
        t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("").strip();
    return denial && !first.isEmpty()
        ? first
        : t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
  }
}
