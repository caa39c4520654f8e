package dev.tether.demo.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  /** The operation of the step {@link #loopFailed} records: the turn's call to the framework. */
  static final String AGENT_LOOP = "AiServices.chat";

  private final List<CallRecord> records = new CopyOnWriteArrayList<>();
  private final Map<Integer, List<String>> toolOrderByTurn = new ConcurrentHashMap<>();
  private volatile int turn;

  /**
   * Steps recorded from now on belong to {@code turn}, whichever thread records them.
   *
   * @param toolOrder the turn's tools in the order the model asked for them
   */
  void beginTurn(int turn, List<String> toolOrder) {
    toolOrderByTurn.put(turn, List.copyOf(toolOrder));
    this.turn = turn;
  }

  void endTurn() {
    this.turn = 0;
  }

  /**
   * The steps recorded so far, in the order they ran, except within a turn: there they are grouped
   * by tool, in the order the model asked for the tools (calls run concurrently finish in any
   * order), each tool's steps in the order they ran.
   */
  public List<CallRecord> records() {
    List<CallRecord> ordered = new ArrayList<>(records);
    int start = 0;
    while (start < ordered.size()) {
      int blockTurn = ordered.get(start).turn();
      int end = start;
      while (end < ordered.size() && ordered.get(end).turn() == blockTurn) {
        end++;
      }
      List<String> toolOrder = toolOrderByTurn.get(blockTurn);
      if (toolOrder != null) {
        // A stable sort: each tool's own steps keep their order.
        ordered.subList(start, end).sort(Comparator.comparingInt(r -> rank(toolOrder, r.tool())));
      }
      start = end;
    }
    return List.copyOf(ordered);
  }

  private static int rank(List<String> toolOrder, String tool) {
    int index = tool == null ? -1 : toolOrder.indexOf(tool);
    return index < 0 ? toolOrder.size() : index;
  }

  /**
   * Records that the turn's call to the agent loop itself failed (the framework or the scripted
   * model threw): a step expected to go through, so the demo's verdict shows it.
   */
  void loopFailed(String description, RuntimeException failure) {
    records.add(
        new CallRecord(
            turn, null, description, AGENT_LOOP, null, null, Outcome.ALLOWED, Outcome.FAILED,
            oneLine(failure, false)));
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
