package dev.tether.vault.internal.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@link HttpServer} (or {@link HttpsServer}) on daemon threads that grow while all are busy
 * ({@link RequestThreads}), started and stopped as one.
 */
public final class HttpServers implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService pool;
  private final HttpHandler handler;

  private HttpServers(HttpServer server, ExecutorService pool, HttpHandler handler) {
    this.server = server;
    this.pool = pool;
    this.handler = handler;
  }

  // The JDK server writes headers and body separately; with Nagle's algorithm on, the body waits
  // for the client's delayed ACK (~40 ms per response). The property is read once, when the
  // first server in the JVM is created, so it is set here unless the application chose already.
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  // A client that starts a request and never finishes it (or never reads the answer) would hold a
  // pool thread for good: the JDK server sets no limit on either unless these are set. Read once,
  // like nodelay; the application's own values stand.
  static final String REQUEST_TIME = "sun.net.httpserver.maxReqTime";
  static final String RESPONSE_TIME = "sun.net.httpserver.maxRspTime";
  static final String TIME_LIMIT_SECONDS = "30";

  // Connections the kernel queues before the server accepts them. The JDK's default, 50, resets
  // connections in a burst (200 agents redeeming at once did); the kernel caps it at somaxconn.
  private static final int BACKLOG = 1024;

  // How many times its threads a server may run while every one is busy: a burst of exchanges
  // that wait on STS, which may call back into this server, still leaves threads for that call.
  static final int GROWTH = 8;

  public static HttpServers start(
      InetSocketAddress address, HttpHandler handler, int threads, String threadName)
      throws IOException {
    return start(address, handler, threads, threadName, null, null);
  }

  /**
   * As {@link #start(InetSocketAddress, HttpHandler, int, String)}, serving HTTPS with {@code
   * tls} and only {@code protocols} when {@code tls} is not {@code null}.
   */
  public static HttpServers start(
      InetSocketAddress address,
      HttpHandler handler,
      int threads,
      String threadName,
      SSLContext tls,
      String[] protocols)
      throws IOException {
    setUnlessChosen(NO_DELAY, "true");
    setUnlessChosen(REQUEST_TIME, TIME_LIMIT_SECONDS);
    setUnlessChosen(RESPONSE_TIME, TIME_LIMIT_SECONDS);
    HttpServer server;
    if (tls == null) {
      server = HttpServer.create(address, BACKLOG);
    } else {
      HttpsServer https = HttpsServer.create(address, BACKLOG);
      https.setHttpsConfigurator(
          new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
              SSLParameters parameters = tls.getDefaultSSLParameters();
              parameters.setProtocols(protocols);
              params.setSSLParameters(parameters);
            }
          });
      server = https;
    }
    ThreadPoolExecutor pool = RequestThreads.create(threads, threads * GROWTH, threadName);
    server.createContext("/", handler);
    server.setExecutor(pool);
    server.start();
    return new HttpServers(server, pool, handler);
  }

  private static void setUnlessChosen(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** What answers every request. */
  public HttpHandler handler() {
    return handler;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
