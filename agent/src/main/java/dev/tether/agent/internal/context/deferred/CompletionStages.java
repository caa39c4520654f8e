package dev.tether.agent.internal.context.deferred;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Follows a {@code CompletionStage} (a {@code CompletableFuture} among others): its work already
 * runs, submitted while the call was attached (the executor hooks carry the call into it), so the
 * stage is returned as it is and only its end is watched. A cancelled {@code CompletableFuture}
 * completes with a {@code CancellationException}, which {@code whenComplete} sees too.
 */
final class CompletionStages implements Follower {

  static final CompletionStages FOLLOWER = new CompletionStages();

  private CompletionStages() {}

  @Override
  public String type() {
    return CompletionStage.class.getName();
  }

  @Override
  public Object follow(Object result, DeferredContext call) {
    ((CompletionStage<?>) result).whenComplete(new EndOfStage(call));
    return result;
  }

  private static final class EndOfStage implements BiConsumer<Object, Throwable> {
    private final DeferredContext call;

    EndOfStage(DeferredContext call) {
      this.call = call;
    }

    @Override
    public void accept(Object value, Throwable failure) {
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      if (cause instanceof CancellationException) {
        call.cancelled();
      } else if (cause != null) {
        call.failed(cause);
      } else {
        call.completed();
      }
    }
  }
}
