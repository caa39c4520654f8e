package dev.tether.agent.internal.install;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands a class to the weaver only when its name is one we hook or its constant pool holds one of
 * the markers we look for (an annotation descriptor). Every class the JVM loads passes here, so
 * the test is a set lookup and a walk over the constant pool's entries, long before any parsing:
 * that is what keeps start-up cost low.
 */
final class PrefilteringTransformer implements ClassFileTransformer {

  private static final boolean DEBUG = Boolean.getBoolean("tether.debug");
  private static final LongAdder FILTER_NANOS = new LongAdder();
  private static final LongAdder FILTERED = new LongAdder();

  static {
    if (DEBUG) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () ->
                      System.err.printf(
                          "[tether] pre-filter: %d classes looked at in %d ms%n",
                          FILTERED.sum(), FILTER_NANOS.sum() / 1_000_000)));
    }
  }

  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

  private final ClassFileTransformer delegate;
  private final Set<String> typeNames;
  private final ConstantPoolStrings markers;
  private final ClassLoader agentLoader;

  PrefilteringTransformer(
      ClassFileTransformer delegate,
      Set<String> typeNames,
      Set<String> markers,
      ClassLoader agentLoader) {
    this.delegate = delegate;
    this.typeNames = typeNames;
    this.markers = new ConstantPoolStrings(markers);
    this.agentLoader = agentLoader;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer)
      throws IllegalClassFormatException {
    long start = DEBUG ? System.nanoTime() : 0;
    boolean candidate =
        className != null
            && loader != agentLoader
            && isCandidate(className, loader, classfileBuffer);
    if (DEBUG) {
      FILTER_NANOS.add(System.nanoTime() - start);
      FILTERED.increment();
    }
    if (!candidate) {
      return null;
    }
    return delegate.transform(
        module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
  }

  private boolean isCandidate(String className, ClassLoader loader, byte[] bytes) {
    if (typeNames.contains(className)) {
      return true;
    }
    if (loader == null || loader == PLATFORM) {
      return false; // the JDK's own classes: hooked by name only, never carry a tool annotation
    }
    if (className.startsWith("dev/tether/bootstrap/") || className.startsWith("dev/tether/agent/")) {
      return false; // Tether's own entry points and bridge
    }
    return !markers.isEmpty() && markers.foundIn(bytes);
  }
}
