package dev.tether.core.json;

/**
 * Makes a field name from the input fit to quote in an error message: at most 64 printable ASCII
 * characters, anything else (and {@code '}) shown as {@code ?}. Names are chosen by whoever wrote
 * the input, so they are kept short and harmless; values are never quoted at all.
 */
public final class SafeName {

  private static final int MAX = 64;

  private SafeName() {}

  public static String of(String name) {
    StringBuilder s = new StringBuilder(Math.min(name.length(), MAX) + 3);
    for (int i = 0; i < name.length() && s.length() < MAX; i++) {
      char c = name.charAt(i);
      s.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
    }
    return name.length() > MAX ? s.append("...").toString() : s.toString();
  }
}
