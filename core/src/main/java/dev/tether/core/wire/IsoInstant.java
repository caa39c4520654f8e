package dev.tether.core.wire;

import java.time.Instant;

/**
 * Parses {@link Instant#toString()}'s form ({@code 2025-01-02T03:04:05.123Z}, years 0000 to 9999)
 * without {@link java.time.format.DateTimeFormatter}, whose set-up costs the agent some 190 loaded
 * classes and ~10 ms on its first credential exchange. Any other text goes to {@link
 * Instant#parse}, so the result, and every error, is exactly {@code Instant.parse}'s. Public for
 * the Vault, which reads STS's {@code Expiration} with it, thousands of times a second.
 */
public final class IsoInstant {

  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private IsoInstant() {}

  /**
   * @throws java.time.DateTimeException as {@link Instant#parse} would
   */
  public static Instant parse(String text) {
    Instant fast = parseCanonical(text);
    return fast != null ? fast : Instant.parse(text);
  }

  // null unless text is exactly yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z with every field in range.
  private static Instant parseCanonical(String s) {
    int n = s.length();
    if (n < 20
        || n == 21
        || n > 30
        || s.charAt(n - 1) != 'Z'
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (s.charAt(19) != '.') {
        return null;
      }
      int fraction = digits(s, 20, n - 21);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = n - 21; i < 9; i++) {
        nanos *= 10;
      }
    }
    long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  // The value of count ASCII digits at from, or -1.
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int daysInMonth(int year, int month) {
    boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  }

  // Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }
}
