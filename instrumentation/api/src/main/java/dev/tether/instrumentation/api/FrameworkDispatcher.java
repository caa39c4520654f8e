package dev.tether.instrumentation.api;

import java.util.Objects;

/**
 * A framework's tool dispatcher that a module hooks, declared so that a version where it is
 * missing is reported instead of being silently unscoped: when {@code markerType} is on the
 * application's class path but {@code dispatcherType} is not, or has none of the methods the
 * module's hooks match, Tether says so once, at start-up (and again when such a class loads through
 * another loader). Calls that pass no hooked method run outside any tool scope, where credential
 * use follows {@code outside-tools} (denied by default).
 *
 * @param framework the framework's name, as users know it ("LangChain4j")
 * @param markerType internal name of a type every version of the framework has
 * @param dispatcherType internal name of the type whose methods open tool-call scopes
 * @param consequence what is not scoped in such a version, and what to do (one sentence)
 */
public record FrameworkDispatcher(
    String framework, String markerType, String dispatcherType, String consequence) {

  public FrameworkDispatcher {
    Objects.requireNonNull(framework, "framework");
    Objects.requireNonNull(markerType, "markerType");
    Objects.requireNonNull(dispatcherType, "dispatcherType");
    Objects.requireNonNull(consequence, "consequence");
  }
}
