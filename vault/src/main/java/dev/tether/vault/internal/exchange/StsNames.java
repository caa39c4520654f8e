package dev.tether.vault.internal.exchange;

import java.util.regex.Pattern;

/** Fits values into the character sets and lengths STS accepts for names and tags. */
final class StsNames {

  static final int MAX_NAME = 64;
  static final int MAX_TAG_VALUE = 256;

  private static final Pattern NOT_NAME = Pattern.compile("[^\\w+=,.@-]");
  private static final Pattern NOT_TAG = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");

  private StsNames() {}

  /** {@code tether-<tool>-<first 8 of callId>}, readable in CloudTrail next to the tool's calls. */
  static String roleSessionName(String tool, String callId) {
    String call = callId.length() > 8 ? callId.substring(0, 8) : callId;
    return name("tether-" + tool + "-" + call);
  }

  /** {@code tether-<userId>}: STS carries it into every call made with the session. */
  static String sourceIdentity(String userId) {
    return name("tether-" + userId);
  }

  static String tagValue(String value) {
    String clean = NOT_TAG.matcher(value).replaceAll("_");
    return clean.length() > MAX_TAG_VALUE ? clean.substring(0, MAX_TAG_VALUE) : clean;
  }

  private static String name(String value) {
    String clean = NOT_NAME.matcher(value).replaceAll("-");
    return clean.length() > MAX_NAME ? clean.substring(0, MAX_NAME) : clean;
  }
}
