package dev.tether.agent.internal.context.deferred;

/**
 * RxJava 3: {@code Single}, {@code Maybe}, {@code Completable} and {@code Observable} are followed
 * through their {@code wrap(XSource)} factories, {@code Flowable} through {@code
 * fromPublisher(Publisher)}, its subscribers handed as {@code FlowableSubscriber} (a plain {@code
 * Subscriber} would be wrapped in RxJava's strict one).
 */
final class RxJava3 {

  static final String CORE = "io.reactivex.rxjava3.core.";
  /** RxJava's operator classes are public, but live here and are never a declared type. */
  static final String INTERNAL = "io.reactivex.rxjava3.internal.";

  private static final String DISPOSABLE = "io.reactivex.rxjava3.disposables.Disposable";

  private RxJava3() {}

  static boolean isBase(String name) {
    switch (name) {
      case CORE + "Single":
      case CORE + "Maybe":
      case CORE + "Completable":
      case CORE + "Observable":
      case CORE + "Flowable":
        return true;
      default:
        return false;
    }
  }

  static SourceShape shape(Class<?> base) throws ReflectiveOperationException {
    String kind = base.getName().substring(CORE.length());
    if (kind.equals("Flowable")) {
      return SourceShape.of(
          base,
          ReactiveStreams.PUBLISHER,
          new String[] {CORE + "FlowableSubscriber", ReactiveStreams.SUBSCRIBER},
          ReactiveStreams.SUBSCRIPTION,
          "fromPublisher",
          false);
    }
    String observer = kind.equals("Observable") ? CORE + "Observer" : CORE + kind + "Observer";
    return SourceShape.of(
        base, CORE + kind + "Source", new String[] {observer}, DISPOSABLE, "wrap", false);
  }
}
