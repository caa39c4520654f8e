package dev.tether.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads Tether's own classes from {@code inst/**.classdata} in the agent jar. No application
 * class loader can define those entries, which is what keeps Tether's dependencies invisible to
 * the application. The parent is the platform loader (for {@code java.net.http} and friends);
 * the bootstrap bridge is reached through it.
 */
public final class AgentClassLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final String PREFIX = "inst/";

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain protectionDomain;

  public AgentClassLoader(File jarFile) throws IOException {
    super("tether", ClassLoader.getPlatformClassLoader());
    this.jar = new JarFile(jarFile, false);
    URL location = jarFile.toURI().toURL();
    this.jarUrl = "jar:" + location + "!/";
    this.protectionDomain =
        new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classBytes(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      String pkg = name.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException raced) {
          // another thread defined it
        }
      }
    }
    return defineClass(name, bytes, 0, bytes.length, protectionDomain);
  }

  /** The bytes of one of Tether's hidden classes, or {@code null}. */
  public byte[] classBytes(String className) {
    JarEntry entry = jar.getJarEntry(PREFIX + className.replace('.', '/') + ".classdata");
    if (entry == null) {
      return null;
    }
    try (InputStream in = jar.getInputStream(entry)) {
      long size = entry.getSize();
      if (size < 0 || size > Integer.MAX_VALUE - 8) {
        return in.readAllBytes();
      }
      // The jar records each entry's size: one array of that size, instead of readAllBytes'
      // 8 KiB chunks and the copy it makes of them (7 - 9 MB of garbage per start, for the
      // few hundred classes premain and the first tool calls define).
      byte[] bytes = new byte[(int) size];
      int read = in.readNBytes(bytes, 0, bytes.length);
      if (read != bytes.length || in.read() != -1) {
        throw new IOException(
            "entry holds " + (read != bytes.length ? read : "more than " + read)
                + " bytes, not the " + size + " its header records");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + entry.getName() + " from the agent jar", e);
    }
  }

  @Override
  protected URL findResource(String name) {
    String entryName = PREFIX + name;
    if (name.endsWith(".class")) {
      // Class files stay readable as resources, as with any loader.
      entryName = PREFIX + name.substring(0, name.length() - ".class".length()) + ".classdata";
    }
    if (jar.getJarEntry(entryName) == null) {
      return null;
    }
    try {
      return new URL(jarUrl + entryName);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(url));
  }
}
