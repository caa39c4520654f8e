package dev.tether.bootstrap;

/**
 * State shared by the advice on ambient AWS credentials providers: only the outermost provider
 * call on a thread consults the dispatcher, so the default chain asks once, not once per link.
 */
public final class AmbientProviderHook {

  public static final CallDepth DEPTH = new CallDepth();

  private AmbientProviderHook() {}
}
