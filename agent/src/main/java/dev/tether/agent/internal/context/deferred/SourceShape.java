package dev.tether.agent.internal.context.deferred;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The reflective parts of one deferred type of a library (Reactor's {@code Mono}, RxJava's {@code
 * Single}...), resolved in the library's own class loader: the source interface a proxy
 * implements, the observer interfaces its subscribers are handed as, what {@code onSubscribe}
 * hands down (a {@code Subscription} or a {@code Disposable}), and the library's factory that
 * turns a source back into the type (e.g. {@code Mono.fromDirect(Publisher)}).
 */
final class SourceShape {

  final String type;
  final Class<?> source;
  final Method subscribe;
  /** Most specific first; the last one is what {@link #subscribe} takes. */
  final Class<?>[] observers;
  final Class<?> upstream;
  final Method factory;
  /** At most one value, then completion (a {@code Mono}): the value ends the call. */
  final boolean singleValued;

  private SourceShape(
      String type,
      Class<?> source,
      Method subscribe,
      Class<?>[] observers,
      Class<?> upstream,
      Method factory,
      boolean singleValued) {
    this.type = type;
    this.source = source;
    this.subscribe = subscribe;
    this.observers = observers;
    this.upstream = upstream;
    this.factory = factory;
    this.singleValued = singleValued;
  }

  /**
   * @param base the library's type, e.g. {@code reactor.core.publisher.Mono} as loaded by the
   *     application
   * @param observerNames the observer interfaces, most specific first (e.g. Reactor's {@code
   *     CoreSubscriber}, then {@code org.reactivestreams.Subscriber}); names missing from the
   *     library's loader are skipped, except the last
   */
  static SourceShape of(
      Class<?> base,
      String sourceName,
      String[] observerNames,
      String upstreamName,
      String factoryName,
      boolean singleValued)
      throws ReflectiveOperationException {
    ClassLoader loader = base.getClassLoader();
    Class<?> source = Class.forName(sourceName, false, loader);
    List<Class<?>> observers = new ArrayList<>();
    for (int i = 0; i < observerNames.length - 1; i++) {
      try {
        observers.add(Class.forName(observerNames[i], false, loader));
      } catch (ClassNotFoundException | LinkageError e) {
        // an older release without it: its subscribers are handed as the plain interface
      }
    }
    Class<?> subscriber = Class.forName(observerNames[observerNames.length - 1], false, loader);
    observers.add(subscriber);
    return new SourceShape(
        base.getName(),
        source,
        source.getMethod("subscribe", subscriber),
        observers.toArray(new Class<?>[0]),
        Class.forName(upstreamName, false, loader),
        base.getMethod(factoryName, source),
        singleValued);
  }

  /** The most specific observer interface {@code downstream} implements, for its stand-in. */
  Class<?> observerFor(Object downstream) {
    for (Class<?> observer : observers) {
      if (observer.isInstance(downstream)) {
        return observer;
      }
    }
    return observers[observers.length - 1];
  }
}
