package dev.tether.core.json;

/** The JSON {@code null}. */
public enum JsonNull implements JsonValue {
  INSTANCE;

  @Override
  public String kind() {
    return "null";
  }
}
