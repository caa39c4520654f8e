package dev.tether.agent.internal.context.deferred;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A result that looks deferred but cannot be followed: a type of another library, or a type of a
 * known one that the method may declare and a followed value could not stand in for (a {@code
 * ConnectableFlux}, an RxJava {@code Subject}). The scope ends when the method returns; the type
 * is reported once.
 */
final class Unfollowed implements Follower {

  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  private final String type;
  private final String reason;

  Unfollowed(String type, String reason) {
    this.type = type;
    this.reason = reason;
  }

  @Override
  public String type() {
    return type;
  }

  /** Returns {@code null}: not followed. */
  @Override
  public Object follow(Object result, DeferredContext call) {
    report(type, call.subject(), reason);
    return null;
  }

  /** @param subject what returned it, e.g. {@code tool 'reader'} */
  static void report(String type, String subject, String reason) {
    if (REPORTED.add(type)) {
      System.err.println(
          "[tether] " + subject + " returned a " + type + ", which Tether does not follow ("
              + reason + "): its scope ended when the method returned, and work the result"
              + " does later is not inside it (reported once per type)");
    }
  }
}
