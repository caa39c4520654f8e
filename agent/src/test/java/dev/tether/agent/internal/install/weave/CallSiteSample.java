package dev.tether.agent.internal.install.weave;

/** Keeps a copy it makes in its constructor, as the JDK's {@code HttpRequestImpl} keeps headers. */
public final class CallSiteSample {

  private final String kept;
  private final int length;

  public CallSiteSample(StringBuilder source, int length) {
    this.length = length;
    this.kept = source.toString();
  }

  public String kept() {
    return kept.concat("/").concat(String.valueOf(length));
  }

  /** Makes the same call twice, on two paths. */
  public static String either(StringBuilder source, boolean first) {
    if (first) {
      return source.toString();
    }
    return "other ".concat(source.toString()); // no "+": this module compiles it to a StringBuilder
  }

  public static String none(StringBuilder source) {
    return source.reverse().length() > 0 ? "some" : "none";
  }
}
