package dev.tether.instrumentation.api;

import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** One set of hooks: which types, which of their methods, and which advice. */
public interface TypeInstrumentation {

  /**
   * Internal names (a/b/C) of the types this instrumentation may transform, for a cheap
   * pre-filter that runs before Byte Buddy parses anything. Empty when {@link #byteMarkers()}
   * decides instead.
   */
  Set<String> typeNames();

  /**
   * Strings whose presence in a class file's bytes makes it a candidate (an annotation
   * descriptor, say). A class whose name is not in {@link #typeNames()} and whose bytes contain
   * none of these is never handed to Byte Buddy.
   */
  default Set<String> byteMarkers() {
    return Set.of();
  }

  ElementMatcher<TypeDescription> typeMatcher();

  void transform(TypeTransformer transformer);
}
