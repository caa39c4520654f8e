package dev.tether.agent.internal.http;

import java.util.List;

/**
 * The hosts a tool may call: exact names, or {@code *.example.com} for every name under
 * example.com (not example.com itself). Entries are lower case (the configuration makes them so).
 */
final class EgressList {

  private EgressList() {}

  static boolean allows(List<String> entries, String host) {
    if (host == null) {
      return false;
    }
    for (String entry : entries) {
      if (entry.startsWith("*.")
          ? host.endsWith(entry.substring(1)) && host.length() > entry.length() - 1
          : entry.equals(host)) {
        return true;
      }
    }
    return false;
  }
}
