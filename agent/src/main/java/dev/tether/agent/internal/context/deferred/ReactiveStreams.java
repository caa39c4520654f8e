package dev.tether.agent.internal.context.deferred;

/** The Reactive Streams interfaces, by name: loaded from each library's own class loader. */
final class ReactiveStreams {

  static final String PUBLISHER = "org.reactivestreams.Publisher";
  static final String SUBSCRIBER = "org.reactivestreams.Subscriber";
  static final String SUBSCRIPTION = "org.reactivestreams.Subscription";

  private ReactiveStreams() {}
}
