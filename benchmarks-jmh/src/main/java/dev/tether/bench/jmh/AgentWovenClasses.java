package dev.tether.bench.jmh;

import dev.tether.agent.internal.install.weave.ClassWeaver;
import dev.tether.bootstrap.CarriesToolContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * The shapes the agent gives the clients' classes as they load, for a benchmark that runs without
 * {@code -javaagent}: OkHttp's {@code Request} defined here as the agent weaves it (a field for the
 * tool call, {@link CarriesToolContext}), and a stand-in for the JDK client's {@code MultiExchange},
 * which this loader cannot define.
 */
final class AgentWovenClasses {

  private static boolean okHttpDefined;

  private AgentWovenClasses() {}

  /**
   * Defines {@code okhttp3.Request} as the agent weaves it, before anything loads it. Fails if it
   * is loaded already: then the benchmark would measure another path than the agent's.
   */
  static synchronized void defineOkHttpRequest() {
    if (okHttpDefined) {
      return;
    }
    try (InputStream in = ClassLoader.getSystemResourceAsStream("okhttp3/Request.class")) {
      byte[] woven = ClassWeaver.weave(in.readAllBytes(), List.of(), true).classFile();
      // A class of the same package, which does not load Request, gives the lookup to define it.
      MethodHandles.privateLookupIn(okhttp3.Headers.class, MethodHandles.lookup())
          .defineClass(woven);
    } catch (IOException | IllegalAccessException e) {
      throw new IllegalStateException("could not define okhttp3.Request as the agent weaves it", e);
    }
    if (!CarriesToolContext.class.isAssignableFrom(okhttp3.Request.class)) {
      throw new IllegalStateException("okhttp3.Request is not the woven one");
    }
    okHttpDefined = true;
  }

  /** What the agent makes of {@code MultiExchange}: an object with a field for the tool call. */
  static final class Exchange implements CarriesToolContext {
    private volatile Object toolContext;

    @Override
    public Object tether$toolContext() {
      return toolContext;
    }

    @Override
    public void tether$toolContext(Object context) {
      this.toolContext = context;
    }
  }
}
