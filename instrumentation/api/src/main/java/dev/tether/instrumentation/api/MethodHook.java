package dev.tether.instrumentation.api;

/** What to weave ({@code advice}) into which methods ({@code matcher}). */
public record MethodHook(MethodMatcher matcher, Advice advice) {

  public MethodHook {
    if (matcher == null || advice == null) {
      throw new IllegalArgumentException("a hook needs a matcher and an advice");
    }
  }
}
