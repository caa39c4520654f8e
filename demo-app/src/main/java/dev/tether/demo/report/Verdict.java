package dev.tether.demo.report;

/** How one step compares with what Tether promises. */
public enum Verdict {
  /** It happened as expected, with the expected credential. */
  OK,
  /** Tether would have refused it, but it went through: the agent is not attached. */
  UNENFORCED,
  /** Something else than expected happened; the reason says what. */
  MISMATCH
}
