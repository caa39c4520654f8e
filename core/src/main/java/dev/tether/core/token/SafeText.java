package dev.tether.core.token;

/**
 * Messages about tokens quote values read from the token (tool names, actions, resources), which
 * whoever made the token chose: they go to logs, spans and HTTP answers only as printable ASCII,
 * and bounded.
 */
final class SafeText {

  static final int MAX = 480;

  private SafeText() {}

  static String of(String message) {
    if (message == null) {
      return "(no detail)";
    }
    StringBuilder safe = new StringBuilder(Math.min(message.length(), MAX + 3));
    for (int i = 0; i < message.length() && safe.length() < MAX; i++) {
      char c = message.charAt(i);
      safe.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (message.length() > MAX) {
      safe.append("...");
    }
    return safe.toString();
  }
}
