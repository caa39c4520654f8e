package dev.tether.agent.internal.context.deferred;

/**
 * Keeps a tool call (or a tool phase's turn: a {@link DeferredContext}; "the call" below) open
 * over the work its method returned instead of doing: a Reactor {@code
 * Mono} or {@code Flux}, an RxJava 3 {@code Single}, {@code Maybe}, {@code Completable}, {@code
 * Flowable} or {@code Observable}, a {@code CompletionStage}. All by reflection and {@code
 * java.lang.reflect.Proxy}: the agent cannot link against these libraries, and their interfaces
 * are loaded from the result's own class loader.
 *
 * <p>A followed Reactor or RxJava result is replaced by a value of the same library type ({@code
 * Mono.fromDirect}, {@code Single.wrap}...) over a stand-in source. Every subscription to it
 * subscribes the original with the call attached, so the original's work, and any work it
 * submits to a scheduler (carried by the executor hooks), runs inside the call; requests,
 * cancels and disposes reaching the original run inside the call too; signals reach the
 * subscriber in the context it subscribed in. The call ends once, at the first completion, error,
 * cancel or dispose of any subscription. A later subscription runs with the ended call attached:
 * it is not reopened.
 */
public final class DeferredResults {

  /** What {@link #follow} answers when the call must end now. */
  public static final Object NOT_FOLLOWED = new Object();

  private DeferredResults() {}

  /**
   * Hands {@code call} to {@code result} and returns what the method returns instead, of a type
   * the method can return; or {@link #NOT_FOLLOWED} when {@code result} is not deferred work, or
   * is of a type that cannot be followed (reported once per type), and the caller must end the
   * call now. Never throws.
   */
  public static Object follow(Object result, DeferredContext call) {
    if (result == null) {
      return NOT_FOLLOWED;
    }
    Follower follower = DeferredTypes.of(result.getClass());
    if (follower == DeferredTypes.NOT_DEFERRED) {
      return NOT_FOLLOWED;
    }
    call.followedAs(follower.type());
    try {
      Object followed = follower.follow(result, call);
      return followed == null ? NOT_FOLLOWED : followed;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Unfollowed.report(result.getClass().getName(), call.subject(), "following it failed: " + e);
      return NOT_FOLLOWED;
    }
  }
}
