package dev.tether.agent.internal.install;

import dev.tether.agent.internal.install.weave.HookedMethods;
import dev.tether.instrumentation.api.FrameworkDispatcher;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.TypeInstrumentation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Says, once per framework and jar, when a framework Tether hooks is loaded but its tool dispatcher
 * is missing or has none of the hooked methods (a version Tether does not know): its tool calls
 * then run outside any tool scope, which is fail-closed but would otherwise go unexplained. The
 * check runs when the framework's marker type loads, through the loader that loads it (so it also
 * covers nested jars), reading the dispatcher's class file as a resource: nothing is loaded.
 */
final class DispatcherCoverage {

  /** A dispatcher and the hooks its module would weave into it. */
  private record Expected(FrameworkDispatcher dispatcher, List<MethodHook> hooks) {}

  private final Map<String, List<Expected>> byMarker;
  private final Consumer<String> out;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  private DispatcherCoverage(Map<String, List<Expected>> byMarker, Consumer<String> out) {
    this.byMarker = byMarker;
    this.out = out;
  }

  static DispatcherCoverage of(List<InstrumentationModule> modules, Consumer<String> out) {
    Map<String, List<Expected>> byMarker = new HashMap<>();
    for (InstrumentationModule module : modules) {
      for (FrameworkDispatcher dispatcher : module.frameworkDispatchers()) {
        List<MethodHook> hooks = new ArrayList<>();
        for (TypeInstrumentation type : module.typeInstrumentations()) {
          if (type.typeNames().contains(dispatcher.dispatcherType())) {
            hooks.addAll(type.hooksFor(dispatcher.dispatcherType()));
          }
        }
        byMarker
            .computeIfAbsent(dispatcher.markerType(), marker -> new ArrayList<>())
            .add(new Expected(dispatcher, List.copyOf(hooks)));
      }
    }
    return new DispatcherCoverage(Map.copyOf(byMarker), out);
  }

  /** The marker types, which the pre-filter must let through. */
  Set<String> markerTypes() {
    return byMarker.keySet();
  }

  /** {@code className} is loading through {@code loader}: checks its framework's dispatchers. */
  void loading(String className, ClassLoader loader) {
    List<Expected> expected = byMarker.get(className);
    if (expected == null) {
      return;
    }
    for (Expected each : expected) {
      try {
        check(each, loader);
      } catch (IOException | RuntimeException e) {
        report(each, "?", "its dispatcher could not be read (" + e + ")");
      }
    }
  }

  private void check(Expected expected, ClassLoader loader) throws IOException {
    FrameworkDispatcher dispatcher = expected.dispatcher();
    String marker = dispatcher.markerType() + ".class";
    String jar =
        jarOf(loader == null ? ClassLoader.getSystemResource(marker) : loader.getResource(marker), marker);
    String resource = dispatcher.dispatcherType() + ".class";
    URL found = loader == null ? ClassLoader.getSystemResource(resource) : loader.getResource(resource);
    String name = dispatcher.dispatcherType().replace('/', '.');
    if (found == null) {
      report(expected, jar, "it has no " + name);
      return;
    }
    byte[] classFile;
    try (InputStream in = found.openStream()) {
      classFile = in.readAllBytes();
    }
    if (HookedMethods.of(classFile, expected.hooks()).isEmpty()) {
      report(expected, jar, name + " has none of the methods Tether hooks");
    }
  }

  private void report(Expected expected, String jar, String what) {
    FrameworkDispatcher dispatcher = expected.dispatcher();
    if (reported.add(dispatcher.framework() + '|' + dispatcher.dispatcherType() + '|' + jar)) {
      out.accept(
          "[tether] " + dispatcher.framework() + " (" + jar + "): " + what + ". "
              + dispatcher.consequence() + " Calls that pass no hooked method run outside any"
              + " tool scope, where credential use follows 'outside-tools' (denied by default)."
              + " Versions covered: docs/frameworks.md");
    }
  }

  /**
   * The jar (or class directory) {@code resource} was found in, by its last path element: what
   * users recognise ({@code langchain4j-1.0.0.jar}); nested jars give the innermost.
   */
  static String jarOf(URL found, String resource) {
    if (found == null) {
      return "?";
    }
    String location = found.toString();
    int bang = location.lastIndexOf("!/");
    if (bang >= 0) {
      location = location.substring(0, bang);
    } else if (location.endsWith(resource)) {
      location = location.substring(0, location.length() - resource.length());
    }
    while (location.endsWith("/")) {
      location = location.substring(0, location.length() - 1);
    }
    return location.substring(location.lastIndexOf('/') + 1);
  }
}
