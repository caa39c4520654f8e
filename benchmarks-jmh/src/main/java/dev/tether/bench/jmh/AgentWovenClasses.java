package dev.tether.bench.jmh;

import dev.tether.agent.internal.install.weave.ClassWeaver;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.TypeInstrumentation;
import dev.tether.instrumentation.http.HttpClientsInstrumentationModule;
import dev.tether.bootstrap.TetherField;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The shapes the agent gives the clients' classes as they load, for a benchmark that runs without
 * {@code -javaagent}: OkHttp's {@code Request} defined here as the agent weaves it (with {@link
 * TetherField}), Apache HttpClient 5's request and context with the field, connections of a
 * subclass of the JDK's {@code HttpURLConnection} that adds the field, the JDK client's {@code
 * HttpRequestImpl} woven, and a stand-in for its {@code MultiExchange}.
 */
final class AgentWovenClasses {

  private static boolean okHttpDefined;

  private AgentWovenClasses() {}

  /**
   * Defines {@code okhttp3.Request} and its builder as the agent weaves them (the field, and the
   * hooks that carry a tool call from a request to the builder made from it and on to what it
   * builds), before anything loads them. Fails if either is loaded already: then the benchmark would
   * measure another path than the agent's.
   */
  static synchronized void defineOkHttpRequest() {
    if (okHttpDefined) {
      return;
    }
    for (String name : List.of("okhttp3/Request$Builder", "okhttp3/Request")) {
      defineWoven(name, hooksFor(name), true, okhttp3.Headers.class);
    }
    if (!TetherField.class.isAssignableFrom(okhttp3.Request.class)
        || !TetherField.class.isAssignableFrom(okhttp3.Request.Builder.class)) {
      throw new IllegalStateException("okhttp3.Request is not the woven one");
    }
    okHttpDefined = true;
  }

  private static boolean jdkDefined;

  /** Where the forks find the bridge, to append to the boot class path as the agent does. */
  static final String BOOTSTRAP_JAR = "benchmarks-jmh/target/tether-bootstrap.jar";
  private static final String JDK_REQUEST = "jdk/internal/net/http/HttpRequestImpl";

  /**
   * Defines the JDK client's {@code HttpRequestImpl} woven as the agent weaves it (the hook in the
   * constructor that copies the application's request), in its own package and loader, before
   * anything loads it. Its hook calls the bridge, so the bridge must be where the agent puts it,
   * on the boot class path, and {@code java.net.http} must read it, as the agent arranges: the fork
   * needs {@code -Xbootclasspath/a:} {@link #BOOTSTRAP_JAR}, {@code --add-reads
   * java.net.http=ALL-UNNAMED} and {@code --add-opens java.net.http/jdk.internal.net.http=
   * ALL-UNNAMED}. Fails, saying so, without them, or if the class is loaded already.
   */
  static synchronized void defineJdkRequestCopy() {
    if (jdkDefined) {
      return;
    }
    if (dev.tether.bootstrap.HttpHooks.class.getClassLoader() != null) {
      throw new IllegalStateException("the bridge is not on the boot class path, where the agent"
          + " puts it and the JDK client's woven class can reach it: run the fork with"
          + " -Xbootclasspath/a:" + BOOTSTRAP_JAR + " (from the repository's root),"
          + " --add-reads java.net.http=ALL-UNNAMED and"
          + " --add-opens java.net.http/jdk.internal.net.http=ALL-UNNAMED");
    }
    Class<?> samePackage; // of the package, loaded without linking, which loads no HttpRequestImpl
    try {
      samePackage = Class.forName("jdk.internal.net.http.HttpClientBuilderImpl", false,
          java.net.http.HttpClient.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("this JDK has no jdk.internal.net.http package", e);
    }
    defineWoven(JDK_REQUEST, hooksFor(JDK_REQUEST), false, samePackage);
    jdkDefined = true;
  }

  private static boolean apacheDefined;

  /**
   * Defines Apache HttpClient 5's {@code BasicHttpRequest} and {@code HttpCoreContext} with the
   * field the agent gives them as they load, before anything loads them: without it, what Tether
   * keeps per request and per execution would go in a map, which the agent does not use. Fails if
   * either is loaded already.
   */
  static synchronized void defineApacheCarriers() {
    if (apacheDefined) {
      return;
    }
    defineWoven("org/apache/hc/core5/http/message/BasicHttpRequest", List.of(), true,
        org.apache.hc.core5.http.message.BasicHeader.class);
    defineWoven("org/apache/hc/core5/http/protocol/HttpCoreContext", List.of(), true,
        org.apache.hc.core5.http.protocol.HttpDateGenerator.class);
    if (!TetherField.class.isAssignableFrom(org.apache.hc.core5.http.message.BasicHttpRequest.class)
        || !TetherField.class.isAssignableFrom(
            org.apache.hc.core5.http.protocol.HttpCoreContext.class)) {
      throw new IllegalStateException("Apache 5's request or context is not the woven one");
    }
    apacheDefined = true;
  }

  /** The http-clients module's hooks for the class {@code name} (internal form). */
  private static List<MethodHook> hooksFor(String name) {
    TypeInstrumentation http = new HttpClientsInstrumentationModule().typeInstrumentations().stream()
        .filter(type -> type.appliesTo(name)).findFirst().orElseThrow();
    return http.hooksFor(name);
  }

  /**
   * Defines {@code name} woven with {@code hooks} (and, {@code withField}, Tether's field), through
   * the lookup of {@code samePackage}: a class of its package that does not load it.
   */
  private static void defineWoven(
      String name, List<MethodHook> hooks, boolean withField, Class<?> samePackage) {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
      byte[] woven = ClassWeaver.weave(in.readAllBytes(), hooks, withField).classFile();
      MethodHandles.privateLookupIn(samePackage, MethodHandles.lookup()).defineClass(woven);
    } catch (IOException | IllegalAccessException | LinkageError e) {
      throw new IllegalStateException("could not define " + name + " as the agent weaves it (is"
          + " it loaded already, or is its package not opened to the benchmark?)", e);
    }
  }

  private static final String URL_CONNECTION = "sun/net/www/protocol/http/HttpURLConnection";
  private static final String HANDLER = "sun/net/www/protocol/http/Handler";
  private static final String CONSTRUCTOR = "(Ljava/net/URL;Ljava/net/Proxy;L" + HANDLER + ";)V";
  private static MethodHandle urlConnections;
  private static Object handler;

  /**
   * A connection as the JDK's http handler opens one ({@code new HttpURLConnection(url, null,
   * handler)}), of a subclass that adds nothing but the field the agent gives the JDK's class as
   * it loads. The fork needs {@code java.base/sun.net.www.protocol.http} exported; it opens it,
   * as the agent does for itself, with {@code sun.net.www}.
   */
  static synchronized HttpURLConnection urlConnection(URL url) throws IOException {
    try {
      if (urlConnections == null) {
        handler = Class.forName(HANDLER.replace('/', '.')).getConstructor().newInstance();
        Class<?> type = MethodHandles.lookup().defineClass(
            ClassWeaver.weave(urlConnectionSubclass(), List.of(), true).classFile());
        urlConnections = MethodHandles.lookup().findConstructor(type,
            MethodType.methodType(void.class, URL.class, Proxy.class, handler.getClass()));
      }
      return (HttpURLConnection) urlConnections.invoke(url, (Proxy) null, handler);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("could not open a connection as the agent weaves them", e);
    }
  }

  /** The subclass: its constructor passes the arguments on, and that is all. */
  private static byte[] urlConnectionSubclass() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    String name = Type.getInternalName(AgentWovenClasses.class) + "$WovenHttpURLConnection";
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name,
        null, URL_CONNECTION, null);
    MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", CONSTRUCTOR, null, null);
    init.visitCode();
    for (int slot = 0; slot < 4; slot++) {
      init.visitVarInsn(Opcodes.ALOAD, slot);
    }
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, URL_CONNECTION, "<init>", CONSTRUCTOR, false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  /** What the agent makes of {@code MultiExchange}: an object with a field for the tool call. */
  static final class Exchange implements TetherField {
    private volatile Object toolContext;

    @Override
    public Object tether$field() {
      return toolContext;
    }

    @Override
    public void tether$field(Object context) {
      this.toolContext = context;
    }
  }
}
