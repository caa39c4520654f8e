package dev.tether.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sets system properties and puts the previous values back on close. */
final class ScopedSystemProperties implements AutoCloseable {

  private final Map<String, String> previous;

  private ScopedSystemProperties(Map<String, String> previous) {
    this.previous = previous;
  }

  static ScopedSystemProperties set(Map<String, String> properties) {
    Map<String, String> previous = new LinkedHashMap<>();
    for (Map.Entry<String, String> property : properties.entrySet()) {
      previous.put(property.getKey(), System.getProperty(property.getKey()));
      System.setProperty(property.getKey(), property.getValue());
    }
    return new ScopedSystemProperties(previous);
  }

  @Override
  public void close() {
    for (Map.Entry<String, String> property : previous.entrySet()) {
      if (property.getValue() == null) {
        System.clearProperty(property.getKey());
      } else {
        System.setProperty(property.getKey(), property.getValue());
      }
    }
  }

  @Override
  public String toString() {
    // The values include secrets (the platform key, the Vault token): name the keys only.
    return "ScopedSystemProperties" + previous.keySet();
  }
}
