package dev.tether.agent.internal.context.deferred;

import java.lang.reflect.Proxy;

/**
 * Follows a Reactor or RxJava source: returns the library's own type built (by the library's
 * factory) over a proxy source, whose every subscription subscribes the original inside the tool
 * call (see {@link FollowedSource}).
 */
final class SourceFollower implements Follower {

  private final SourceShape shape;

  SourceFollower(SourceShape shape) {
    this.shape = shape;
  }

  @Override
  public String type() {
    return shape.type;
  }

  @Override
  public Object follow(Object result, DeferredContext call) {
    Object source =
        Proxy.newProxyInstance(
            shape.source.getClassLoader(),
            new Class<?>[] {shape.source},
            new FollowedSource(result, call, shape));
    return Reflection.invoke(shape.factory, null, new Object[] {source});
  }
}
