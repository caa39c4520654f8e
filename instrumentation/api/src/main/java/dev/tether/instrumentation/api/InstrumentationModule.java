package dev.tether.instrumentation.api;

import java.util.List;
import java.util.Map;

/** A hooked library: its type instrumentations, and the helper classes its advice needs. */
public interface InstrumentationModule {

  String name();

  List<TypeInstrumentation> typeInstrumentations();

  /**
   * Classes the agent defines in a child loader of the instrumented library's loader, because
   * they implement the library's interfaces (an SDK ExecutionInterceptor, say) or call its
   * methods for the agent (a request's headers, say).
   */
  default List<String> helperClassNames() {
    return List.of();
  }

  /**
   * Packages of the JDK's modules whose internals the agent's own code for this module reads,
   * opened at start-up to the agent's loader only: module name → package names.
   */
  default Map<String, List<String>> jdkPackagesOpenedToAgent() {
    return Map.of();
  }

  /** Classes already loaded at start-up (JDK classes) that must be retransformed. */
  default List<String> retransformAtStartup() {
    return List.of();
  }

  /**
   * The frameworks' dispatchers this module's hooks depend on, checked at start-up: a framework
   * present without its dispatcher is reported (see {@link FrameworkDispatcher}).
   */
  default List<FrameworkDispatcher> frameworkDispatchers() {
    return List.of();
  }
}
