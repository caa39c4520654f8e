package dev.tether.agent.internal.context.deferred;

import dev.tether.bootstrap.ToolContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Stands in for a subscriber of a followed result (a Reactive Streams {@code Subscriber}, Reactor's
 * {@code CoreSubscriber}, an RxJava observer): ends the tool call at the first terminal signal (or
 * a {@code Mono}'s value), before passing it on, and hands the subscriber an upstream handle that runs requests inside the
 * call and ends it on cancel or dispose.
 *
 * <p>Signals reach the subscriber in the context it subscribed in, not in the tool call: the
 * subscriber is the framework, which goes on to the model's next step from there, as it would
 * after a method that returned its value.
 */
final class FollowedObserver implements InvocationHandler {

  private final Object downstream;
  private final FollowedSource.Subscription subscription;

  FollowedObserver(Object downstream, FollowedSource.Subscription subscription) {
    this.downstream = downstream;
    this.subscription = subscription;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    if (method.getDeclaringClass() == Object.class) {
      return Reflection.objectMethod(proxy, method, args, downstream);
    }
    int arity = args == null ? 0 : args.length;
    switch (method.getName()) {
      case "onSubscribe":
        if (arity == 1) {
          args[0] = upstream(args[0]);
          return toSubscriber(method, args);
        }
        break;
      case "onNext":
        if (arity == 1) {
          if (subscription.shape.singleValued) {
            subscription.call.completed(); // a Mono's value is its result: nothing follows but its end
          }
          return toSubscriber(method, args);
        }
        break;
      case "onSuccess":
        if (arity == 1) {
          subscription.call.completed();
          return toSubscriber(method, args);
        }
        break;
      case "onComplete":
        if (arity == 0) {
          subscription.call.completed();
          return toSubscriber(method, args);
        }
        break;
      case "onError":
        if (arity == 1) {
          subscription.call.failed((Throwable) args[0]);
          return toSubscriber(method, args);
        }
        break;
      default:
        break;
    }
    return Reflection.invoke(method, downstream, args); // e.g. Reactor's currentContext()
  }

  private Object toSubscriber(Method method, Object[] args) {
    Object previous = ToolContext.attach(subscription.subscriberContext);
    try {
      return Reflection.invoke(method, downstream, args);
    } finally {
      ToolContext.restore(previous);
    }
  }

  /**
   * The upstream's handle, behind a stand-in that implements only the plain interface: fusion
   * (Reactor's {@code QueueSubscription}, RxJava's {@code QueueDisposable}) would pull values
   * past these hooks, so it is not offered.
   */
  private Object upstream(Object handle) {
    Class<?> type = subscription.shape.upstream;
    if (!type.isInstance(handle)) {
      return handle;
    }
    return Proxy.newProxyInstance(
        type.getClassLoader(), new Class<?>[] {type}, new FollowedUpstream(handle, subscription));
  }
}
