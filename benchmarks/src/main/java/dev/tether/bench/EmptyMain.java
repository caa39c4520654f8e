package dev.tether.bench;

/**
 * Does nothing, then exits. Started with and without the agent, on the benchmark jar's class path,
 * it shows what the agent alone costs a JVM: bench/run-benchmarks.sh subtracts one from the other.
 *
 * <p>{@code --linger-ms N} stays N milliseconds before exiting, so that start-up work the agent
 * does on a background thread finishes and counts in the process's CPU time and peak RSS (the wall
 * time of such a run says nothing, it is mostly the wait).
 */
public final class EmptyMain {

  private EmptyMain() {}

  public static void main(String[] args) throws InterruptedException {
    long lingerMillis = 0;
    if (args.length == 2 && args[0].equals("--linger-ms")) {
      lingerMillis = Long.parseLong(args[1]);
    } else if (args.length != 0) {
      System.err.println("usage: java -cp tether-bench.jar dev.tether.bench.EmptyMain [--linger-ms N]");
      System.exit(2);
    }
    if (lingerMillis > 0) {
      Thread.sleep(lingerMillis);
    }
  }
}
