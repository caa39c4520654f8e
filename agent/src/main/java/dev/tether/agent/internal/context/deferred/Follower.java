package dev.tether.agent.internal.context.deferred;

/** Follows one kind of deferred result: hands it the call to end, returns what to return instead. */
interface Follower {

  /** The type a result is followed as, for telemetry, e.g. {@code reactor.core.publisher.Mono}. */
  String type();

  /**
   * Returns a value of a type the hooked method can return, equivalent to {@code result}, which
   * ends {@code call} once its work ends.
   */
  Object follow(Object result, DeferredContext call) throws ReflectiveOperationException;
}
