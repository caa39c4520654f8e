package dev.tether.bootstrap;

/**
 * The tool call a request belongs to, for clients that carry on with it on their own threads,
 * which have no tool context: the JDK client's exchanges and Apache HttpClient 5 async's requests
 * follow redirects there. Remembered on the sending thread, found again on the client's ({@link
 * KeptPerObject}: in the object's field, else with weak keys).
 */
final class ClientThreadContexts {

  private static final KeptPerObject OWNERS = new KeptPerObject();

  /**
   * The context a redirect strategy's location check found, for its redirect check, which comes
   * next on the same thread and is not given the request the location was for. Set or cleared at
   * every location check, so it never outlives the redirect it was found for.
   */
  private static final ThreadLocal<Object> FOR_NEXT_REDIRECT = new ThreadLocal<>();

  private ClientThreadContexts() {}

  /** Remembers that {@code key} belongs to {@code context}, when there is one. */
  static void remember(Object key, Object context) {
    if (context != null) {
      OWNERS.put(key, context);
    }
  }

  /**
   * As {@link #remember}, and without a context forgets any {@code key} was remembered with
   * before: for a request handed over where it is made (an application may send the same request
   * object inside a tool call and later outside any), never for one a client passes on to its
   * own threads.
   */
  static void rememberOrForget(Object key, Object context) {
    OWNERS.put(key, context);
  }

  /**
   * A request made from one remembered with a tool call (OkHttp's {@code newBuilder()}, then {@code
   * build()}: what interceptors do): it belongs to that call, but Tether has not decided it.
   */
  private static final class MadeFrom {
    final Object context;

    MadeFrom(Object context) {
      this.context = context;
    }
  }

  /**
   * Remembers that {@code copy}, made from {@code original}, belongs to the tool call {@code
   * original} does, if any, as a request Tether has not decided.
   */
  static void rememberMadeFrom(Object copy, Object original) {
    Object kept = OWNERS.get(original);
    if (kept != null) {
      OWNERS.put(copy, kept instanceof MadeFrom ? kept : new MadeFrom(kept));
    }
  }

  /**
   * The context {@code key} was remembered with, else the one on this thread, or {@code null}. The
   * remembered one first: a pooled thread of the client may carry another call's context.
   */
  static Object of(Object key) {
    Object remembered = remembered(key);
    return remembered != null ? remembered : ToolContext.current();
  }

  /** The context {@code key} was remembered with, or {@code null}: never the thread's. */
  static Object remembered(Object key) {
    Object kept = OWNERS.get(key);
    return kept instanceof MadeFrom ? ((MadeFrom) kept).context : kept;
  }

  /**
   * The context {@code key} was remembered with as Tether decided it, or {@code null} (also for a
   * request only made from a decided one).
   */
  static Object decidedIn(Object key) {
    Object kept = OWNERS.get(key);
    return kept instanceof MadeFrom ? null : kept;
  }

  /** How many objects without the field are remembered: for tests. */
  static int inMap() {
    return OWNERS.withoutFieldCount();
  }

  static void forNextRedirect(Object context) {
    if (context == null) {
      FOR_NEXT_REDIRECT.remove();
    } else {
      FOR_NEXT_REDIRECT.set(context);
    }
  }

  /** The context the location check before left, else the one on this thread, or {@code null}. */
  static Object takeForRedirect() {
    Object left = FOR_NEXT_REDIRECT.get();
    if (left == null) {
      return ToolContext.current();
    }
    FOR_NEXT_REDIRECT.remove();
    return left;
  }

}
