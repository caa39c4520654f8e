package dev.tether.bootstrap;

/**
 * Implemented by the agent, as they load, on the objects a client carries a request with across
 * its own threads (the JDK client's {@code MultiExchange}, OkHttp's {@code Request}): a field for
 * the tool call the request was made in. Cheaper than a weak map, which every request would fill
 * until a collection empties it. A class loaded before the agent cannot grow a field; its objects
 * are remembered in {@link ClientThreadContexts}' map instead. Not for application code.
 */
public interface CarriesToolContext {

  /** The field's name, and the name of both accessors. */
  String FIELD = "tether$toolContext";

  /** The tool context this object was made in, or {@code null}. */
  Object tether$toolContext();

  void tether$toolContext(Object context);
}
