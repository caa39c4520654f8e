package dev.tether.agent.internal.context.deferred;

import dev.tether.bootstrap.ToolContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/**
 * Stands in for the {@code Subscription} or {@code Disposable} a followed source hands its
 * subscriber: a request runs inside the tool call (a source may do its work on request); a cancel
 * or dispose runs inside it too (the work's own clean-up), then ends the call.
 */
final class FollowedUpstream implements InvocationHandler {

  private final Object upstream;
  private final FollowedSource.Subscription subscription;

  FollowedUpstream(Object upstream, FollowedSource.Subscription subscription) {
    this.upstream = upstream;
    this.subscription = subscription;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    if (method.getDeclaringClass() == Object.class) {
      return Reflection.objectMethod(proxy, method, args, upstream);
    }
    int arity = args == null ? 0 : args.length;
    String name = method.getName();
    boolean ends = arity == 0 && (name.equals("cancel") || name.equals("dispose"));
    if (!ends && !(arity == 1 && name.equals("request"))) {
      return Reflection.invoke(method, upstream, args); // e.g. isDisposed()
    }
    Object previous = subscription.call.attach();
    try {
      return Reflection.invoke(method, upstream, args);
    } finally {
      ToolContext.restore(previous);
      if (ends) {
        subscription.call.cancelled(); // after a Mono's value, or any end, the call has ended already
      }
    }
  }
}
