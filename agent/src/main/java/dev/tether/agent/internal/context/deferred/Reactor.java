package dev.tether.agent.internal.context.deferred;

import java.util.Set;

/**
 * Project Reactor: a {@code Mono} is followed as {@code Mono.fromDirect(source)}, a {@code Flux} as
 * {@code Flux.from(source)}. The source's subscribers are handed as {@code CoreSubscriber} when
 * they are one, so the subscriber's Reactor {@code Context} still reaches the original.
 */
final class Reactor {

  static final String MONO = "reactor.core.publisher.Mono";
  static final String FLUX = "reactor.core.publisher.Flux";

  /**
   * Public subclasses that are operator plumbing, never a method's declared type: a result of
   * these is still followed as a plain {@code Mono} or {@code Flux}.
   */
  static final Set<String> PLUMBING =
      Set.of("reactor.core.publisher.MonoOperator", "reactor.core.publisher.FluxOperator");

  private static final String[] SUBSCRIBERS = {
    "reactor.core.CoreSubscriber", ReactiveStreams.SUBSCRIBER
  };

  private Reactor() {}

  static SourceShape shape(Class<?> base) throws ReflectiveOperationException {
    boolean mono = base.getName().equals(MONO);
    return SourceShape.of(
        base,
        ReactiveStreams.PUBLISHER,
        SUBSCRIBERS,
        ReactiveStreams.SUBSCRIPTION,
        mono ? "fromDirect" : "from",
        mono);
  }
}
