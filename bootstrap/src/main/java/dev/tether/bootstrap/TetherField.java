package dev.tether.bootstrap;

/**
 * A field of Tether's own, which the agent adds to a few classes of the HTTP clients as they load,
 * where it would otherwise keep a weak map from their objects (which every request fills until a
 * collection empties it). What it holds depends on the class: for the JDK client's {@code
 * MultiExchange} and OkHttp's {@code Request}, the tool context the request was made in; for the
 * JDK's {@code HttpURLConnection}, the URL it was let through to. A class loaded before the agent
 * cannot grow a field; its objects go in a map instead ({@link KeptPerObject} reads and writes
 * both). Not for application code.
 */
public interface TetherField {

  /** The field's name, and the name of both accessors. */
  String NAME = "tether$field";

  /** What Tether keeps for this object, or {@code null}. */
  Object tether$field();

  void tether$field(Object value);
}
