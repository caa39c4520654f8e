package dev.tether.agent.internal.context.deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.bootstrap.ToolContext;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * Real Monos, Fluxes, RxJava sources and CompletableFutures, followed: the work they run sees the
 * tool call (on the schedulers' threads too), the call ends once at the first completion, error,
 * cancel or dispose, the returned value is of the library's type, and a second subscription does
 * not open a second call.
 */
class DeferredResultsTest {

  /** The tool context attached for the call (the agent's {@code ToolCall} in production). */
  private static final Object TOOL_CALL = new Named("tool call");
  /** What the framework had attached where it subscribed. */
  private static final Object FRAMEWORK = new Named("framework");

  private record Named(String name) {}

  /** How the call ended, each time it did. */
  private final List<String> ends = new CopyOnWriteArrayList<>();
  /** The tool context the tool's work saw, each time it ran, and on which thread. */
  private final List<Object> seen = new CopyOnWriteArrayList<>();
  private final List<String> threads = new CopyOnWriteArrayList<>();

  private final DeferredContext call =
      new DeferredContext(
          TOOL_CALL,
          "tool 'reader'",
          (type, failure, cancelled) ->
              ends.add(
                  type
                      + (failure != null
                          ? " failed: " + failure.getMessage()
                          : cancelled ? " cancelled" : " completed")));

  @BeforeAll
  static void executorHooks() {
    ExecutorHooks.install();
  }

  @AfterAll
  static void noExecutorHooks() {
    ExecutorHooks.remove();
  }

  @AfterEach
  void nothingLeftAttached() {
    assertThat(ToolContext.current()).isNull();
  }

  /** The tool's work: records where it ran and in which tool context. */
  private String work(String value) {
    seen.add(String.valueOf(ToolContext.current()));
    threads.add(Thread.currentThread().getName());
    return value;
  }

  @SuppressWarnings("unchecked")
  private <T> T follow(Object result) {
    Object followed = DeferredResults.follow(result, call);
    assertThat(followed).isNotSameAs(DeferredResults.NOT_FOLLOWED);
    return (T) followed;
  }

  private static String toolCall() {
    return String.valueOf(TOOL_CALL);
  }

  // Reactor

  @Test
  void aMonoRunsItsWorkInsideTheCallOnItsSchedulerAndEndsItOnceAtCompletion() {
    Mono<String> result =
        Mono.fromCallable(() -> work("report")).subscribeOn(Schedulers.boundedElastic());

    Mono<String> followed = follow(result);

    assertThat(followed).isInstanceOf(Mono.class);
    assertThat(ends).as("nothing ran yet").isEmpty();
    assertThat(followed.block()).isEqualTo("report");
    assertThat(seen).containsExactly(toolCall());
    assertThat(threads).singleElement().asString().startsWith("boundedElastic-");
    assertThat(ends).containsExactly("reactor.core.publisher.Mono completed");
  }

  @Test
  void aMonoThatFailsEndsTheCallWithItsError() {
    Mono<String> result =
        Mono.fromCallable(() -> work("x"))
            .<String>flatMap(x -> Mono.error(new IllegalStateException("no such bucket")))
            .subscribeOn(Schedulers.boundedElastic());

    Mono<String> followed = follow(result);

    assertThatThrownBy(followed::block).hasMessage("no such bucket");
    assertThat(seen).containsExactly(toolCall());
    assertThat(ends).containsExactly("reactor.core.publisher.Mono failed: no such bucket");
  }

  @Test
  void aCancelledMonoEndsTheCallAndItsCancellationRunsInsideIt() {
    Mono<String> result = Mono.<String>never().doOnCancel(() -> work("cancelled"));

    Mono<String> followed = follow(result);
    reactor.core.Disposable subscription = followed.subscribe();

    assertThat(ends).isEmpty();
    subscription.dispose();
    assertThat(seen).containsExactly(toolCall());
    assertThat(ends).containsExactly("reactor.core.publisher.Mono cancelled");
    subscription.dispose();
    assertThat(ends).hasSize(1);
  }

  /** Takes the first value, then cancels: what {@code next()} and friends do. */
  private static final class FirstValueOnly extends BaseSubscriber<String> {
    @Override
    protected void hookOnNext(String value) {
      cancel();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMonosValueIsItsCompletionButACancelAfterAFluxsFirstValueIsACancellation() {
    Mono<String> mono = follow(Mono.just("only"));
    mono.subscribe(new FirstValueOnly());

    DeferredContext fluxCall = new DeferredContext(TOOL_CALL, "tool 'reader'", (t, f, c) -> ends.add(t + " " + c));
    Flux<String> flux = (Flux<String>) DeferredResults.follow(Flux.just("first", "second"), fluxCall);
    flux.subscribe(new FirstValueOnly());

    assertThat(ends)
        .containsExactly("reactor.core.publisher.Mono completed", "reactor.core.publisher.Flux true");
  }

  @Test
  void aFluxRunsEachElementInsideTheCallAndEndsItOnce() {
    Flux<String> result =
        Flux.range(1, 3).map(i -> work("line " + i)).subscribeOn(Schedulers.boundedElastic());

    Flux<String> followed = follow(result);

    assertThat(followed).isInstanceOf(Flux.class);
    assertThat(followed.collectList().block()).containsExactly("line 1", "line 2", "line 3");
    assertThat(seen).containsOnly(toolCall()).hasSize(3);
    assertThat(ends).containsExactly("reactor.core.publisher.Flux completed");
  }

  @Test
  void aFluxCancelledHalfWayEndsTheCallAsCancelled() {
    Flux<String> followed =
        follow(Flux.range(1, 100).map(i -> work("line " + i)).subscribeOn(Schedulers.boundedElastic()));

    assertThat(followed.take(2).collectList().block()).containsExactly("line 1", "line 2");
    assertThat(ends).containsExactly("reactor.core.publisher.Flux cancelled");
  }

  @Test
  void aSecondSubscriptionRunsWithTheSameCallAndDoesNotEndItAgain() {
    Mono<String> followed =
        follow(Mono.fromCallable(() -> work("again")).subscribeOn(Schedulers.boundedElastic()));

    followed.block();
    assertThat(call.ended()).isTrue();
    followed.block();

    assertThat(seen).as("the ended call, not a new one and not none").containsExactly(toolCall(), toolCall());
    assertThat(ends).containsExactly("reactor.core.publisher.Mono completed");
  }

  @Test
  void theSubscriberGetsItsSignalsInItsOwnContextNotTheCalls() {
    Mono<String> followed =
        follow(Mono.fromCallable(() -> work("value")).subscribeOn(Schedulers.boundedElastic()));

    Object previous = ToolContext.attach(FRAMEWORK);
    try {
      Object downstream = followed.map(v -> String.valueOf(ToolContext.current())).block();
      assertThat(downstream).isEqualTo(String.valueOf(FRAMEWORK));
    } finally {
      ToolContext.restore(previous);
    }
    assertThat(seen).containsExactly(toolCall());
  }

  @Test
  void theSubscribersReactorContextStillReachesTheOriginal() {
    Mono<String> followed =
        follow(Mono.deferContextual(context -> Mono.just(work(context.get("user")))));

    assertThat(followed.contextWrite(Context.of("user", "alice")).block()).isEqualTo("alice");
    assertThat(seen).containsExactly(toolCall());
  }

  // RxJava 3

  @Test
  void aSingleRunsOnItsSchedulerInsideTheCallAndEndsItOnSuccess() {
    Single<String> followed =
        follow(Single.fromCallable(() -> work("done")).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io()));

    assertThat(followed).isInstanceOf(Single.class);
    assertThat(followed.blockingGet()).isEqualTo("done");
    assertThat(seen).containsExactly(toolCall());
    assertThat(threads).singleElement().asString().startsWith("RxCachedThreadScheduler");
    assertThat(ends).containsExactly("io.reactivex.rxjava3.core.Single completed");
  }

  @Test
  void aFailingSingleEndsTheCallWithItsError() {
    Single<String> followed =
        follow(
            Single.fromCallable(
                    () -> {
                      work("x");
                      throw new IllegalStateException("denied");
                    })
                .subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io()));

    assertThatThrownBy(followed::blockingGet).hasMessage("denied");
    assertThat(ends).containsExactly("io.reactivex.rxjava3.core.Single failed: denied");
  }

  @Test
  void aDisposedSingleEndsTheCallAndItsDisposalRunsInsideIt() {
    Single<String> followed = follow(Single.<String>never().doOnDispose(() -> work("disposed")));

    Disposable subscription = followed.subscribe(v -> {}, e -> {});
    assertThat(ends).isEmpty();
    subscription.dispose();

    assertThat(seen).containsExactly(toolCall());
    assertThat(ends).containsExactly("io.reactivex.rxjava3.core.Single cancelled");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMaybeEndsTheCallOnItsValueOnEmptinessAndOnItsError() {
    Maybe<String> value = follow(Maybe.fromCallable(() -> work("v")).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io()));
    assertThat(value).isInstanceOf(Maybe.class);
    assertThat(value.blockingGet()).isEqualTo("v");

    DeferredContext emptyCall = new DeferredContext(TOOL_CALL, "tool 'reader'", (t, f, c) -> ends.add("empty " + c));
    Maybe<String> empty = (Maybe<String>) DeferredResults.follow(Maybe.<String>empty(), emptyCall);
    assertThat(empty.blockingGet()).isNull();

    DeferredContext failingCall = new DeferredContext(TOOL_CALL, "tool 'reader'", (t, f, c) -> ends.add("error " + f.getMessage()));
    Maybe<String> failing =
        (Maybe<String>) DeferredResults.follow(Maybe.<String>error(new IllegalStateException("gone")), failingCall);
    assertThatThrownBy(failing::blockingGet).hasMessage("gone");

    assertThat(seen).containsExactly(toolCall());
    assertThat(ends)
        .containsExactly("io.reactivex.rxjava3.core.Maybe completed", "empty false", "error gone");
  }

  @Test
  void aCompletableRunsInsideTheCallAndEndsItOnCompletion() {
    Completable followed =
        follow(Completable.fromRunnable(() -> work("ran")).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io()));

    assertThat(followed).isInstanceOf(Completable.class);
    followed.blockingAwait();
    assertThat(seen).containsExactly(toolCall());
    assertThat(ends).containsExactly("io.reactivex.rxjava3.core.Completable completed");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFlowableAndAnObservableRunTheirElementsInsideTheCall() {
    Flowable<String> flowable =
        follow(Flowable.range(1, 2).map(i -> work("f" + i)).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io()));
    assertThat(flowable).isInstanceOf(Flowable.class);
    assertThat(flowable.toList().blockingGet()).containsExactly("f1", "f2");

    DeferredContext observableCall = new DeferredContext(TOOL_CALL, "tool 'reader'", (t, f, c) -> ends.add(t + " " + c));
    Object observed =
        DeferredResults.follow(
            Observable.range(1, 2).map(i -> work("o" + i)).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io()),
            observableCall);
    assertThat(observed).isInstanceOf(Observable.class);
    assertThat(((Observable<Object>) observed).toList().blockingGet()).containsExactly("o1", "o2");

    assertThat(seen).containsOnly(toolCall()).hasSize(4);
    assertThat(ends)
        .containsExactly(
            "io.reactivex.rxjava3.core.Flowable completed", "io.reactivex.rxjava3.core.Observable false");
  }

  @Test
  void aFlowableTakenPartlyEndsTheCallAsCancelled() {
    Flowable<Integer> followed = follow(Flowable.range(1, 100));

    assertThat(followed.take(1).blockingFirst()).isEqualTo(1);
    assertThat(ends).containsExactly("io.reactivex.rxjava3.core.Flowable cancelled");
  }

  // CompletionStage

  @Test
  @Timeout(60)
  void aCompletableFutureIsReturnedAsItIsAndEndsTheCallWhenItCompletes() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<String> gate = new CompletableFuture<>();
      CompletableFuture<String> result;
      Object previous = ToolContext.attach(TOOL_CALL); // inside the tool method
      try {
        result =
            CompletableFuture.supplyAsync(
                () -> work(gate.join()), task -> pool.execute(ToolContext.wrap(task)));
      } finally {
        ToolContext.restore(previous);
      }
      CompletableFuture<String> ended = new CompletableFuture<>();
      DeferredContext stageCall =
          new DeferredContext(TOOL_CALL, "tool 'reader'", (type, failure, cancelled) -> ended.complete(type));

      assertThat(DeferredResults.follow(result, stageCall)).isSameAs(result);
      assertThat(stageCall.ended()).isFalse();
      gate.complete("body");

      assertThat(result.get()).isEqualTo("body");
      assertThat(ended.get()).isEqualTo("java.util.concurrent.CompletionStage");
      assertThat(seen).containsExactly(toolCall());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedOrCancelledCompletableFutureEndsTheCallSo() {
    CompletableFuture<String> failing = new CompletableFuture<>();
    assertThat(DeferredResults.follow(failing, call)).isSameAs(failing);
    failing.completeExceptionally(new IllegalStateException("vault down"));

    CompletableFuture<String> cancelled = new CompletableFuture<>();
    DeferredContext cancelledCall = new DeferredContext(TOOL_CALL, "tool 'reader'", (t, f, c) -> ends.add("cancelled " + c));
    DeferredResults.follow(cancelled, cancelledCall);
    cancelled.cancel(true);
    cancelled.cancel(true);

    assertThat(ends)
        .containsExactly("java.util.concurrent.CompletionStage failed: vault down", "cancelled true");
  }

  // What is not followed

  @Test
  void plainValuesAndNullAreNotFollowedAndNotReported() {
    String reported = stderrOf(() -> {
      assertThat(DeferredResults.follow("a plain answer", call)).isSameAs(DeferredResults.NOT_FOLLOWED);
      assertThat(DeferredResults.follow(null, call)).isSameAs(DeferredResults.NOT_FOLLOWED);
    });
    assertThat(reported).isEmpty();
    assertThat(ends).isEmpty();
  }

  /** A Publisher of a library Tether does not know. */
  public static final class OwnPublisher implements Publisher<String> {
    @Override
    public void subscribe(Subscriber<? super String> subscriber) {}
  }

  @Test
  void deferredTypesThatCannotBeFollowedAreReportedOnceByName() {
    String reported = stderrOf(() -> {
      assertThat(DeferredResults.follow(new OwnPublisher(), call)).isSameAs(DeferredResults.NOT_FOLLOWED);
      assertThat(DeferredResults.follow(new OwnPublisher(), call)).isSameAs(DeferredResults.NOT_FOLLOWED);
      assertThat(DeferredResults.follow(Flux.range(1, 2).publish(), call))
          .as("a ConnectableFlux may be the declared type: a Flux could not stand in")
          .isSameAs(DeferredResults.NOT_FOLLOWED);
      assertThat(DeferredResults.follow(new FutureTask<>(() -> "x"), call))
          .isSameAs(DeferredResults.NOT_FOLLOWED);
    });

    assertThat(reported.lines().filter(l -> l.contains(OwnPublisher.class.getName()))).hasSize(1);
    assertThat(reported)
        .contains("tool 'reader' returned a " + OwnPublisher.class.getName())
        .contains("a deferred type (org.reactivestreams.Publisher) Tether does not know")
        .contains("the method may declare reactor.core.publisher.ConnectableFlux")
        .contains("returned a java.util.concurrent.FutureTask");
    assertThat(ends).as("the caller ends the call now").isEmpty();
  }

  private static String stderrOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
