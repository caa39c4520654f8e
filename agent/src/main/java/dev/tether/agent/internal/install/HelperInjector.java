package dev.tether.agent.internal.install;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * Defines helper classes (classes implementing an instrumented library's interfaces) in a child
 * loader of the library's loader: they see the application's library classes and the bootstrap
 * bridge, and nothing of Tether's internals. One child loader per library loader, weakly held.
 */
public final class HelperInjector {

  private final Function<String, byte[]> classBytes;
  private final List<String> helperNames;
  // Values are weak too: a helper loader's parent is its key, so a strong value would keep the
  // application's loader alive forever. The helper loader lives as long as the SDK clients that
  // hold its interceptor; after that it is made again if needed.
  private final Map<ClassLoader, WeakReference<HelperClassLoader>> loaders = new WeakHashMap<>();

  public HelperInjector(Function<String, byte[]> classBytes, List<String> helperNames) {
    this.classBytes = classBytes;
    this.helperNames = List.copyOf(helperNames);
  }

  /**
   * Helpers read as class-file resources of {@code classes}: for running Tether's per-request path
   * without {@code -javaagent} (in-process benchmarks, tests), where its classes are on the class
   * path.
   */
  public static HelperInjector fromResources(ClassLoader classes, List<String> helperNames) {
    return new HelperInjector(name -> {
      try (java.io.InputStream in = classes.getResourceAsStream(name.replace('.', '/') + ".class")) {
        return in == null ? null : in.readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot read " + name, e);
      }
    }, helperNames);
  }

  /** Instantiates {@code className} (a helper, with a public no-argument constructor) for {@code libraryLoader}. */
  public Object newInstance(ClassLoader libraryLoader, String className) throws ReflectiveOperationException {
    HelperClassLoader loader;
    synchronized (loaders) {
      WeakReference<HelperClassLoader> ref = loaders.get(libraryLoader);
      loader = ref == null ? null : ref.get();
      if (loader == null) {
        loader = new HelperClassLoader(libraryLoader);
        loaders.put(libraryLoader, new WeakReference<>(loader));
      }
    }
    return loader.loadClass(className).getConstructor().newInstance();
  }

  /** A listed helper, or a class nested in one (its inner classes and lambdas' hosts). */
  private boolean isHelper(String name) {
    int nested = name.indexOf('$');
    return helperNames.contains(nested < 0 ? name : name.substring(0, nested));
  }

  private final class HelperClassLoader extends ClassLoader {

    HelperClassLoader(ClassLoader parent) {
      super("tether-helpers", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!isHelper(name)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          byte[] bytes = classBytes.apply(name);
          if (bytes == null) {
            throw new ClassNotFoundException(name + " is missing from the agent jar");
          }
          loaded = defineClass(name, bytes, 0, bytes.length);
        }
        return loaded;
      }
    }
  }
}
