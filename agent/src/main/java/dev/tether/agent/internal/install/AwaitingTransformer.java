package dev.tether.agent.internal.install;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Hands classes to Byte Buddy's transformer once the background thread has built it, waiting for
 * it if a candidate class loads first.
 */
final class AwaitingTransformer implements ClassFileTransformer {

  private static final boolean DEBUG = Boolean.getBoolean("tether.debug");

  private final Future<ClassFileTransformer> byteBuddy;
  private final List<String> errors;

  AwaitingTransformer(Future<ClassFileTransformer> byteBuddy, List<String> errors) {
    this.byteBuddy = byteBuddy;
    this.errors = errors;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    ClassFileTransformer transformer;
    long start = System.nanoTime();
    try {
      transformer = byteBuddy.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      errors.add(className + ": interrupted while Byte Buddy started");
      return null;
    } catch (ExecutionException e) {
      errors.add(className + ": Byte Buddy failed to start: " + e.getCause());
      return null;
    }
    long ready = System.nanoTime();
    try {
      return transformer.transform(
          module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
    } catch (Exception e) {
      errors.add(className + ": " + e);
      return null;
    } finally {
      if (DEBUG) {
        System.err.printf(
            "[tether] %s on %s: waited %d ms, transformed in %d ms%n",
            className,
            Thread.currentThread().getName(),
            (ready - start) / 1_000_000,
            (System.nanoTime() - ready) / 1_000_000);
      }
    }
  }
}
