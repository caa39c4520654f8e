package dev.tether.bench;

/**
 * How much work one benchmark process does.
 *
 * @param warmupCalls untimed calls first (at least one: it obtains the credentials), so the JIT
 *     has compiled the call path
 * @param rounds timed rounds; each round gives one microseconds-per-call figure
 * @param callsPerRound calls in one timed round
 */
record BenchSettings(int warmupCalls, int rounds, int callsPerRound) {

  static final BenchSettings DEFAULTS = new BenchSettings(3_000, 30, 300);

  static final String USAGE =
      "usage: java [-javaagent:tether-agent.jar] -jar tether-bench.jar"
          + " [--warmup N] [--rounds N] [--calls N]\n"
          + "  --warmup N  untimed GetObject calls before the timed rounds (default "
          + DEFAULTS.warmupCalls()
          + ")\n"
          + "  --rounds N  timed rounds (default "
          + DEFAULTS.rounds()
          + ")\n"
          + "  --calls N   GetObject calls per timed round (default "
          + DEFAULTS.callsPerRound()
          + ")\n";

  BenchSettings {
    requireAtLeast("--warmup", warmupCalls, 1);
    requireAtLeast("--rounds", rounds, 1);
    requireAtLeast("--calls", callsPerRound, 1);
  }

  int timedCalls() {
    return rounds * callsPerRound;
  }

  /** Parses {@code --warmup N --rounds N --calls N}; anything absent keeps its default. */
  static BenchSettings parse(String[] args) {
    int warmup = DEFAULTS.warmupCalls();
    int rounds = DEFAULTS.rounds();
    int calls = DEFAULTS.callsPerRound();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (!option.equals("--warmup") && !option.equals("--rounds") && !option.equals("--calls")) {
        throw new IllegalArgumentException(
            "unknown option '" + option + "'; use --warmup, --rounds or --calls");
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(option + " needs a number after it");
      }
      int value = number(option, args[++i]);
      switch (option) {
        case "--warmup" -> warmup = value;
        case "--rounds" -> rounds = value;
        default -> calls = value;
      }
    }
    return new BenchSettings(warmup, rounds, calls);
  }

  private static int number(String option, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " takes a whole number, not '" + text + "'", e);
    }
  }

  private static void requireAtLeast(String option, int value, int minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(
          option + " must be at least " + minimum + ", not " + value);
    }
  }
}
