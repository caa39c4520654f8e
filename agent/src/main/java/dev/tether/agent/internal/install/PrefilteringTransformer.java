package dev.tether.agent.internal.install;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;

/**
 * Hands a class to the weaver only when its name is one we hook or its bytes contain one of the
 * markers we look for (an annotation descriptor). Most classes an application loads are rejected
 * here with a set lookup and a byte scan, long before any parsing: that is what keeps start-up
 * cost low.
 */
final class PrefilteringTransformer implements ClassFileTransformer {

  private final ClassFileTransformer delegate;
  private final Set<String> typeNames;
  private final List<byte[]> markers;
  private final ClassLoader agentLoader;

  PrefilteringTransformer(
      ClassFileTransformer delegate,
      Set<String> typeNames,
      Set<String> markers,
      ClassLoader agentLoader) {
    this.delegate = delegate;
    this.typeNames = typeNames;
    this.markers = markers.stream().map(m -> m.getBytes(StandardCharsets.UTF_8)).toList();
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
    if (className == null || loader == agentLoader || !isCandidate(className, classfileBuffer)) {
      return null;
    }
    return delegate.transform(
        module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
  }

  private boolean isCandidate(String className, byte[] bytes) {
    if (typeNames.contains(className)) {
      return true;
    }
    if (className.startsWith("dev/tether/bootstrap/") || className.startsWith("dev/tether/agent/")) {
      return false; // Tether's own entry points and bridge
    }
    for (byte[] marker : markers) {
      if (contains(bytes, marker)) {
        return true;
      }
    }
    return false;
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    byte first = needle[0];
    int last = haystack.length - needle.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (haystack[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
