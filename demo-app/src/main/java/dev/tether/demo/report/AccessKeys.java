package dev.tether.demo.report;

/** Shows access key ids the way people compare them: first four and last four characters. */
public final class AccessKeys {

  private AccessKeys() {}

  /** {@code ASIAXXXXXXXXXXXX7Q2X} becomes {@code ASIA…7Q2X}; null becomes {@code (none)}. */
  public static String abbreviate(String accessKeyId) {
    if (accessKeyId == null || accessKeyId.isEmpty()) {
      return "(none)";
    }
    if (accessKeyId.length() <= 8) {
      return accessKeyId;
    }
    return accessKeyId.substring(0, 4) + "…" + accessKeyId.substring(accessKeyId.length() - 4);
  }
}
