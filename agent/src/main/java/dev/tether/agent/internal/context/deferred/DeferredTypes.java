package dev.tether.agent.internal.context.deferred;

import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Which {@link Follower} a result's class takes, decided once per class: a {@code
 * CompletionStage}; a Reactor {@code Mono}/{@code Flux} or RxJava 3 source; another type that
 * looks deferred (unfollowed, reported); or nothing deferred ({@link #NOT_DEFERRED}).
 */
final class DeferredTypes {

  /** Marks a class whose instances are plain values: the call ends when the method returns. */
  static final Follower NOT_DEFERRED = new Unfollowed("(not deferred)", "");

  /** Types that promise work to come, of libraries Tether does not follow. */
  private static final Set<String> LOOKS_DEFERRED =
      Set.of(
          ReactiveStreams.PUBLISHER,
          "java.util.concurrent.Flow$Publisher",
          "java.util.concurrent.Future",
          "io.reactivex.Flowable",
          "io.reactivex.Observable",
          "io.reactivex.Single",
          "io.reactivex.Maybe",
          "io.reactivex.Completable",
          "rx.Observable",
          "rx.Single",
          "rx.Completable",
          "io.smallrye.mutiny.Uni",
          "io.vertx.core.Future",
          "kotlinx.coroutines.Deferred",
          "kotlinx.coroutines.flow.Flow");

  private static final ClassValue<Follower> FOLLOWERS =
      new ClassValue<>() {
        @Override
        protected Follower computeValue(Class<?> type) {
          return classify(type);
        }
      };

  /** Per library type (e.g. {@code Mono} as one application loader has it): its shape, or why none. */
  private static final ClassValue<Object> SHAPES =
      new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> base) {
          try {
            return base.getName().startsWith("reactor.") ? Reactor.shape(base) : RxJava3.shape(base);
          } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return e.toString();
          }
        }
      };

  private DeferredTypes() {}

  static Follower of(Class<?> type) {
    return FOLLOWERS.get(type);
  }

  private static Follower classify(Class<?> type) {
    if (CompletionStage.class.isAssignableFrom(type)) {
      return CompletionStages.FOLLOWER;
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      String name = c.getName();
      if (name.equals(Reactor.MONO) || name.equals(Reactor.FLUX) || RxJava3.isBase(name)) {
        return library(type, c);
      }
    }
    String looksDeferred = deferredSupertype(type);
    return looksDeferred == null
        ? NOT_DEFERRED
        : new Unfollowed(type.getName(), "a deferred type (" + looksDeferred + ") Tether does not know");
  }

  private static Follower library(Class<?> type, Class<?> base) {
    String declarable = declarableBetween(type, base);
    if (declarable != null) {
      return new Unfollowed(
          type.getName(),
          "the method may declare " + declarable + ", which a followed " + base.getSimpleName()
              + " is not");
    }
    Object shape = SHAPES.get(base);
    if (shape instanceof SourceShape) {
      return new SourceFollower((SourceShape) shape);
    }
    return new Unfollowed(type.getName(), base.getName() + " could not be read: " + shape);
  }

  /**
   * A public class between {@code type} and {@code base} (both included for {@code type}, {@code
   * base} excluded) that a method could declare as its return type, or {@code null}. Operator
   * classes do not count: Reactor's are package-private (bar two abstract bases), RxJava's live in
   * its internal packages.
   */
  private static String declarableBetween(Class<?> type, Class<?> base) {
    for (Class<?> c = type; c != null && c != base; c = c.getSuperclass()) {
      String name = c.getName();
      if (Modifier.isPublic(c.getModifiers())
          && !name.startsWith(RxJava3.INTERNAL)
          && !Reactor.PLUMBING.contains(name)) {
        return name;
      }
    }
    return null;
  }

  /** The first supertype of {@code type} (itself included) that looks deferred, or {@code null}. */
  private static String deferredSupertype(Class<?> type) {
    Queue<Class<?>> next = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    next.add(type);
    while (!next.isEmpty()) {
      Class<?> c = next.remove();
      if (!seen.add(c)) {
        continue;
      }
      if (LOOKS_DEFERRED.contains(c.getName())) {
        return c.getName();
      }
      if (c.getSuperclass() != null) {
        next.add(c.getSuperclass());
      }
      for (Class<?> i : c.getInterfaces()) {
        next.add(i);
      }
    }
    return null;
  }
}
