package dev.tether.core.json;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number, kept as its literal text so that reading and writing it loses nothing; convert on
 * demand with {@link #intValueExact()} or {@link #toBigDecimal()}.
 */
public record JsonNumber(String literal) implements JsonValue {

  public JsonNumber {
    Objects.requireNonNull(literal, "literal");
    if (!isLiteral(literal)) {
      // The text is not quoted: it may come from anywhere.
      throw new IllegalArgumentException("not a JSON number literal (RFC 8259 section 6)");
    }
  }

  public static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value));
  }

  public static JsonNumber of(BigDecimal value) {
    return new JsonNumber(value.toString()); // e.g. 1E+3: valid JSON
  }

  /** Whether the literal has neither a fraction nor an exponent. */
  public boolean isIntegral() {
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c == '.' || c == 'e' || c == 'E') {
        return false;
      }
    }
    return true;
  }

  /**
   * The value as an int.
   *
   * @throws ArithmeticException if the literal has a fraction or exponent, or is out of int range
   */
  public int intValueExact() {
    if (!isIntegral()) {
      throw new ArithmeticException("number has a fraction or exponent; expected an integer");
    }
    try {
      return Integer.parseInt(literal);
    } catch (NumberFormatException e) {
      throw new ArithmeticException(
          "number is out of int range (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")");
    }
  }

  /**
   * The exact value.
   *
   * @throws ArithmeticException if the exponent is beyond what {@link BigDecimal} can hold
   */
  public BigDecimal toBigDecimal() {
    try {
      return new BigDecimal(literal);
    } catch (NumberFormatException e) {
      throw new ArithmeticException("number exponent is out of range");
    }
  }

  @Override
  public String kind() {
    return "a number";
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, without loading java.util.regex.
  static boolean isLiteral(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && s.charAt(i) == '-') {
      i++;
    }
    if (i < n && s.charAt(i) == '0') {
      i++;
    } else {
      int start = i;
      i = digits(s, i);
      if (i == start) {
        return false;
      }
    }
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      i = digits(s, i);
      if (i == start) {
        return false;
      }
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int start = i;
      i = digits(s, i);
      if (i == start) {
        return false;
      }
    }
    return i == n;
  }

  private static int digits(String s, int i) {
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
