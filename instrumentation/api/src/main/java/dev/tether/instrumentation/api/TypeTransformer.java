package dev.tether.instrumentation.api;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Applies advice to the methods of a matched type. */
public interface TypeTransformer {

  /** Advice classes are inlined: they may reference only the JDK, the bootstrap bridge and the
   * instrumented library, never agent internals. */
  void applyAdviceToMethod(ElementMatcher<? super MethodDescription> methodMatcher, Class<?> adviceClass);
}
