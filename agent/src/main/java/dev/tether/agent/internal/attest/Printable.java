package dev.tether.agent.internal.attest;

/** Makes text from a peer (an error message, a line of stderr) fit to quote in our own message. */
final class Printable {

  private Printable() {}

  /** {@code text} with control characters as {@code ?}, cut to {@code max} characters. */
  static String clip(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 3);
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return text.length() > max ? out.append("...").toString() : out.toString();
  }
}
