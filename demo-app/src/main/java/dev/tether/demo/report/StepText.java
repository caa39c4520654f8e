package dev.tether.demo.report;

import dev.tether.demo.agent.CallRecord;

/** The words both renderers use for one step: what it addressed, and how its verdict reads. */
final class StepText {

  private StepText() {}

  /**
   * The bucket and key the step addressed: {@code bucket/key} for an object, {@code bucket prefix}
   * for a listing, the host and path for an HTTP step; empty when it addressed none.
   */
  static String target(CallRecord call) {
    if (call.bucket() == null) {
      return "";
    }
    if (call.key() == null) {
      return call.bucket();
    }
    return call.bucket() + (call.bucketLevel() ? " " : "/") + call.key();
  }

  /** {@code ✔ expected}, or a cross and what went otherwise. */
  static String verdict(CallVerdict verdict) {
    switch (verdict.verdict()) {
      case OK:
        return "✔ expected";
      case UNENFORCED:
        return "✘ UNENFORCED (Tether would refuse this)";
      default:
        return "✘ " + verdict.reason();
    }
  }
}
