package dev.tether.core.json;

/** The JSON literals {@code true} and {@code false}. */
public enum JsonBoolean implements JsonValue {
  TRUE,
  FALSE;

  public static JsonBoolean of(boolean value) {
    return value ? TRUE : FALSE;
  }

  public boolean value() {
    return this == TRUE;
  }

  @Override
  public String kind() {
    return "a boolean";
  }
}
