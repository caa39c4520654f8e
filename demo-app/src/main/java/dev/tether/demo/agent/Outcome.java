package dev.tether.demo.agent;

/** What became of one step. */
public enum Outcome {
  /** The call went through. */
  ALLOWED,
  /** Tether refused it inside the JVM; nothing was sent. */
  REFUSED,
  /** It failed for another reason (a bug, a server error, an unknown key). */
  FAILED
}
