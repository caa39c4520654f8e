package dev.tether.agent.internal.context.deferred;

import dev.tether.bootstrap.ToolContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The source behind a followed result. Each subscription subscribes the original with the tool
 * call attached, so that what the original does on subscribe (its work, or the submission of its
 * work to a scheduler, which the executor hooks then carry) runs inside the call; its subscriber is
 * handed a {@link FollowedObserver}, which ends the call at the first end of any subscription.
 */
final class FollowedSource implements InvocationHandler {

  private final Object original;
  private final DeferredContext call;
  private final SourceShape shape;

  FollowedSource(Object original, DeferredContext call, SourceShape shape) {
    this.original = original;
    this.call = call;
    this.shape = shape;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    if (method.getDeclaringClass() == Object.class) {
      return Reflection.objectMethod(proxy, method, args, original);
    }
    if (args == null || args.length != 1 || !method.getName().equals("subscribe")) {
      return Reflection.invoke(method, original, args);
    }
    subscribe(args[0]);
    return null;
  }

  private void subscribe(Object downstream) {
    // The subscriber's own context: its signals are delivered in it, as a return would be.
    Subscription subscription = new Subscription(call, shape, ToolContext.current());
    Class<?> observerType = shape.observerFor(downstream);
    Object observer =
        Proxy.newProxyInstance(
            observerType.getClassLoader(),
            new Class<?>[] {observerType},
            new FollowedObserver(downstream, subscription));
    Object previous = call.attach();
    try {
      Reflection.invoke(shape.subscribe, original, new Object[] {observer});
    } finally {
      ToolContext.restore(previous);
    }
  }

  /** One subscription: the call, the source's shape and the context its subscriber is in. */
  static final class Subscription {
    final DeferredContext call;
    final SourceShape shape;
    final Object subscriberContext;

    Subscription(DeferredContext call, SourceShape shape, Object subscriberContext) {
      this.call = call;
      this.shape = shape;
      this.subscriberContext = subscriberContext;
    }
  }
}
