package dev.tether.instrumentation.http;

import static dev.tether.instrumentation.api.MethodMatcher.descriptorStartsWith;
import static dev.tether.instrumentation.api.MethodMatcher.named;
import static dev.tether.instrumentation.api.MethodMatcher.returns;
import static dev.tether.instrumentation.api.MethodMatcher.withCode;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.Origin;
import dev.tether.instrumentation.api.TypeInstrumentation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The five HTTP clients, each at the one place every request of it passes before a connection is
 * opened, where the request can still be changed or replaced:
 *
 * <ul>
 *   <li>JDK {@code HttpClient}: the constructor of its own copy of the application's request,
 *       {@code HttpRequestImpl(HttpRequest, ProxySelector)}, which {@code send} and both {@code
 *       sendAsync} make first, where it copies the request's headers ({@code headers().map()}):
 *       a token goes into that copy, the one the client sends, and the application's request
 *       stays as it was; and each request the client makes by itself for a redirect or an
 *       authentication retry ({@code MultiExchange.responseFilters});
 *   <li>{@code HttpURLConnection} (http and https): {@code connect()}, {@code getInputStream()}
 *       and {@code getOutputStream()} of the JDK's implementation (redirects call {@code
 *       connect()} again, so each new host is checked);
 *   <li>OkHttp 3, 4 and 5: {@code OkHttpClient.newCall(Request)}, and each next hop (redirect,
 *       challenge, retry) its {@code RetryAndFollowUpInterceptor} makes, as it makes it;
 *   <li>Apache HttpClient 5 classic: {@code doExecute(target, request, context)} of its clients;
 *       async: the {@code BasicRequestProducer} that carries each request (simple requests and
 *       {@code AsyncRequestBuilder} both make one); for both, where its redirect strategy says
 *       where a redirect goes ({@code getLocationURI}) and, from 5.4, whether it may follow it
 *       ({@code isRedirectAllowed}, which is given the redirect);
 *   <li>Apache HttpClient 4: {@code doExecute(target, request, context)} of its clients, and each
 *       redirect its {@code DefaultRedirectStrategy} makes.
 * </ul>
 *
 * <p>OkHttp and Apache HttpClient run code of the application's after those places (interceptors,
 * default headers, authentication), which may set the API's header again. So each request is
 * checked once more as the client sends it: OkHttp's codecs ({@code writeRequestHeaders}, where a
 * request Tether decided passes at the cost of a field read, and a request an interceptor made from
 * it, {@code newBuilder().build()}, belongs to the same tool call); Apache HttpClient 5's {@code
 * DefaultHttpProcessor.process}, which runs its request interceptors (classic and async); Apache
 * HttpClient 4's {@code HttpRequestExecutor.execute}, which writes the request.
 *
 * All bridges take and return {@code Object}: the hooked classes live in loaders the bridge cannot
 * see. The woven code casts the answer back.
 */
public final class HttpClientsInstrumentationModule implements InstrumentationModule {

  static final String JDK_REQUEST = "jdk.internal.net.http.HttpRequestImpl";
  static final String JDK_EXCHANGES = "jdk.internal.net.http.MultiExchange";
  static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
  static final String OKHTTP_CLIENT = "okhttp3.OkHttpClient";
  static final String OKHTTP_FOLLOW_UP = "okhttp3.internal.http.RetryAndFollowUpInterceptor";
  static final String OKHTTP_REQUEST = "okhttp3.Request";
  static final String OKHTTP_REQUEST_BUILDER = "okhttp3.Request$Builder";
  static final String APACHE_5_CLIENTS = "org.apache.hc.client5.http.impl.classic.";
  static final String APACHE_5_PRODUCER = "org.apache.hc.core5.http.nio.support.BasicRequestProducer";
  static final String APACHE_5_REDIRECTS = "org.apache.hc.client5.http.impl.";
  static final String APACHE_4_CLIENTS = "org.apache.http.impl.client.";
  static final String APACHE_4_REDIRECTS = "org.apache.http.impl.client.DefaultRedirectStrategy";
  /** The HTTP/1 and HTTP/2 codecs of OkHttp 3.14 – 5 and of OkHttp 3 before them. */
  static final List<String> OKHTTP_CODECS = List.of(
      "okhttp3.internal.http1.Http1ExchangeCodec", "okhttp3.internal.http2.Http2ExchangeCodec",
      "okhttp3.internal.http1.Http1Codec", "okhttp3.internal.http2.Http2Codec");
  static final String APACHE_5_PROCESSOR = "org.apache.hc.core5.http.protocol.DefaultHttpProcessor";
  static final String APACHE_5_REQUEST = "org.apache.hc.core5.http.message.BasicHttpRequest";
  static final String APACHE_5_CONTEXT = "org.apache.hc.core5.http.protocol.HttpCoreContext";
  static final String APACHE_4_EXECUTOR = "org.apache.http.protocol.HttpRequestExecutor";

  private static final String HOOKS = "dev/tether/bootstrap/HttpHooks";
  private static final String OBJECT_TO_OBJECT = "(Ljava/lang/Object;)Ljava/lang/Object;";
  private static final String TWO_TO_OBJECT =
      "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;";
  /** A scope's exit: its state and what the body threw, if anything. */
  private static final String SCOPE_EXIT = "(Ljava/lang/Object;Ljava/lang/Throwable;)V";

  @Override
  public String name() {
    return "http-clients";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new HttpClientsInstrumentation());
  }

  /** What reads and changes OkHttp's and Apache's requests for the agent, without reflection. */
  @Override
  public List<String> helperClassNames() {
    return List.of(PACKAGE + "OkHttpMessages", PACKAGE + "Apache5Messages",
        PACKAGE + "Apache4Messages");
  }

  private static final String PACKAGE = "dev.tether.instrumentation.http.";

  /**
   * {@code HttpURLConnection}'s headers as it writes them: its public API hides {@code
   * Authorization} and cannot remove a header, or more than one value of it.
   */
  @Override
  public Map<String, List<String>> jdkPackagesOpenedToAgent() {
    return Map.of("java.base", List.of("sun.net.www", "sun.net.www.protocol.http"));
  }

  @Override
  public List<String> retransformAtStartup() {
    return List.of(URL_CONNECTION, JDK_REQUEST, JDK_EXCHANGES);
  }

  static final class HttpClientsInstrumentation implements TypeInstrumentation {

    private final Map<String, List<MethodHook>> hooks = new HashMap<>();
    /**
     * Classes given Tether's field, so that what the agent keeps per request is not in a map that
     * every request would fill: the tool call, in what the JDK client and OkHttp carry a request
     * in to the threads they follow redirects on, and in Apache HttpClient 5's requests (the base
     * class of nearly all of them) and execution contexts, which its async client carries to its
     * I/O threads; the URL a connection was let through to.
     */
    private final Set<String> withField = Set.of(internal(JDK_EXCHANGES), internal(OKHTTP_REQUEST),
        internal(OKHTTP_REQUEST_BUILDER), internal(URL_CONNECTION), internal(APACHE_5_REQUEST),
        internal(APACHE_5_CONTEXT));
    private final Set<String> names;

    HttpClientsInstrumentation() {
      // The client copies the application's request first thing in sendAsync (which send calls):
      // decided there, the token set in the client's own copy of the headers as it is made. No
      // second copy of the request, and none the application can read the token from.
      hooks.put(internal(JDK_REQUEST), List.of(new MethodHook(
          named("<init>").and(descriptorStartsWith(
              "(Ljava/net/http/HttpRequest;Ljava/net/ProxySelector;)")),
          new Advice.FilterCallResult("java/net/http/HttpHeaders", "map", "()Ljava/util/Map;",
              bridge("jdkHttpClientHeaders", TWO_TO_OBJECT), List.of(Origin.FIRST_ARGUMENT)))));

      // The next request the client makes by itself (a redirect, an authentication retry) comes
      // out of its response filters, on the client's threads: checked there, before its exchange
      // connects, in the tool call the exchange was started in (on the sending thread).
      hooks.put(internal(JDK_EXCHANGES), List.of(
          new MethodHook(
              withCode().and(named("responseAsync"))
                  .and(descriptorStartsWith("(Ljava/util/concurrent/Executor;)")),
              new Advice.Scope(
                  bridge("jdkHttpClientExchangeStarting", OBJECT_TO_OBJECT),
                  List.of(Origin.THIS),
                  bridge("jdkHttpClientExchangeStarted", SCOPE_EXIT),
                  null)),
          new MethodHook(
              withCode().and(named("responseFilters"))
                  .and(returns("Ljdk/internal/net/http/HttpRequestImpl;")),
              new Advice.FilterReturn(bridge("jdkHttpClientFollowUp", TWO_TO_OBJECT),
                  List.of(Origin.THIS)))));

      // The public entries, before they mark the connection as connecting (after that its
      // request properties are closed); connect() alone also runs for each redirect.
      hooks.put(internal(URL_CONNECTION), List.of(new MethodHook(
          withCode().and(named("connect", "getInputStream", "getOutputStream"))
              .and(descriptorStartsWith("()")),
          new Advice.Scope(
              bridge("urlConnectionConnecting", OBJECT_TO_OBJECT),
              List.of(Origin.THIS),
              bridge("urlConnectionConnected", SCOPE_EXIT),
              null))));

      hooks.put(internal(OKHTTP_CLIENT), List.of(new MethodHook(
          withCode().and(named("newCall")).and(descriptorStartsWith("(Lokhttp3/Request;)")),
          new Advice.WrapArgument(0, bridge("okHttpRequest", OBJECT_TO_OBJECT)))));

      // OkHttp follows redirects (and answers challenges, retries) inside its interceptor chain,
      // below newCall: each next hop is decided again, so a redirect cannot leave the egress list.
      hooks.put(internal(OKHTTP_FOLLOW_UP), List.of(new MethodHook(
          withCode().and(named("followUpRequest")).and(returns("Lokhttp3/Request;")),
          new Advice.FilterReturn(bridge("okHttpFollowUp", TWO_TO_OBJECT),
              List.of(Origin.FIRST_ARGUMENT)))));

      List<MethodHook> apache5 = List.of(new MethodHook(
          withCode().and(named("doExecute")).and(descriptorStartsWith(
              "(Lorg/apache/hc/core5/http/HttpHost;Lorg/apache/hc/core5/http/ClassicHttpRequest;")),
          new Advice.WrapArgument(1, bridge("apache5Request", TWO_TO_OBJECT),
              List.of(Origin.FIRST_ARGUMENT))));
      hooks.put(internal(APACHE_5_CLIENTS + "InternalHttpClient"), apache5);
      hooks.put(internal(APACHE_5_CLIENTS + "MinimalHttpClient"), apache5);

      // Redirects (classic and async): the location is checked against egress before the
      // redirect is built (every 5.x); from 5.4 the built redirect, a copy of the request before
      // it, is decided before the strategy's own check of its headers.
      hooks.put(internal(APACHE_5_REDIRECTS + "DefaultRedirectStrategy"), List.of(
          new MethodHook(
              withCode().and(named("getLocationURI")).and(returns("Ljava/net/URI;")),
              new Advice.FilterReturn(bridge("apache5RedirectLocation", TWO_TO_OBJECT),
                  List.of(Origin.FIRST_ARGUMENT))),
          apache5RedirectAllowed()));
      hooks.put(internal(APACHE_5_REDIRECTS + "LaxRedirectStrategy"),
          List.of(apache5RedirectAllowed()));
      // The async client follows redirects on its I/O threads: the request its redirect exec
      // starts with, on the sending thread, is remembered with the tool call.
      hooks.put(internal(APACHE_5_REDIRECTS + "async.AsyncRedirectExec"), List.of(new MethodHook(
          withCode().and(named("execute"))
              .and(descriptorStartsWith("(Lorg/apache/hc/core5/http/HttpRequest;")),
          new Advice.WrapArgument(0, bridge("apache5AsyncExecution", TWO_TO_OBJECT),
              List.of(Origin.THIRD_ARGUMENT)))));

      // A constructor: the request goes in here and nowhere else the async client exposes.
      hooks.put(internal(APACHE_5_PRODUCER), List.of(new MethodHook(
          named("<init>").and(descriptorStartsWith("(Lorg/apache/hc/core5/http/HttpRequest;")),
          new Advice.WrapArgument(0, bridge("apache5AsyncRequest", OBJECT_TO_OBJECT)))));

      List<MethodHook> apache4 = List.of(new MethodHook(
          withCode().and(named("doExecute")).and(descriptorStartsWith(
              "(Lorg/apache/http/HttpHost;Lorg/apache/http/HttpRequest;")),
          new Advice.WrapArgument(1, bridge("apache4Request", TWO_TO_OBJECT),
              List.of(Origin.FIRST_ARGUMENT))));
      for (String client : List.of("InternalHttpClient", "MinimalHttpClient", "AbstractHttpClient")) {
        hooks.put(internal(APACHE_4_CLIENTS + client), apache4);
      }

      // Its RedirectExec copies the first request's headers onto a redirect made without any:
      // decided where the redirect is made, with the request that was redirected.
      hooks.put(internal(APACHE_4_REDIRECTS), List.of(new MethodHook(
          withCode().and(named("getRedirect")).and(descriptorStartsWith(
              "(Lorg/apache/http/HttpRequest;Lorg/apache/http/HttpResponse;"))
              .and(returns("Lorg/apache/http/client/methods/HttpUriRequest;")),
          new Advice.FilterReturn(bridge("apache4Redirect", TWO_TO_OBJECT),
              List.of(Origin.FIRST_ARGUMENT)))));

      // The last word, as each request is sent: the application may have set the client up to
      // change it after the hooks above (OkHttp interceptors, Apache request interceptors and
      // authentication), so an API's header is checked again there.
      //
      // An interceptor makes its request from the one before (newBuilder(), then build()): the
      // request it makes belongs to the tool call that one does, wherever the call runs.
      hooks.put(internal(OKHTTP_REQUEST), List.of(new MethodHook(
          withCode().and(named("newBuilder")).and(returns("Lokhttp3/Request$Builder;")),
          new Advice.FilterReturn(bridge("okHttpBuilder", TWO_TO_OBJECT),
              List.of(Origin.THIS)))));
      hooks.put(internal(OKHTTP_REQUEST_BUILDER), List.of(new MethodHook(
          withCode().and(named("build")).and(returns("Lokhttp3/Request;")),
          new Advice.FilterReturn(bridge("okHttpBuilt", TWO_TO_OBJECT), List.of(Origin.THIS)))));
      for (String codec : OKHTTP_CODECS) {
        hooks.put(internal(codec), List.of(new MethodHook(
            withCode().and(named("writeRequestHeaders"))
                .and(descriptorStartsWith("(Lokhttp3/Request;)V")),
            new Advice.WrapArgument(0, bridge("okHttpSending", OBJECT_TO_OBJECT)))));
      }
      hooks.put(internal(APACHE_5_PROCESSOR), List.of(new MethodHook(
          withCode().and(named("process")).and(descriptorStartsWith(
              "(Lorg/apache/hc/core5/http/HttpRequest;")),
          new Advice.Scope(
              bridge("apache5Processing", TWO_TO_OBJECT),
              List.of(Origin.FIRST_ARGUMENT, Origin.THIRD_ARGUMENT),
              bridge("apache5Processed", SCOPE_EXIT),
              null))));
      hooks.put(internal(APACHE_4_EXECUTOR), List.of(new MethodHook(
          withCode().and(named("execute")).and(descriptorStartsWith(
              "(Lorg/apache/http/HttpRequest;Lorg/apache/http/HttpClientConnection;"
                  + "Lorg/apache/http/protocol/HttpContext;)")),
          new Advice.WrapArgument(0, bridge("apache4Sending", TWO_TO_OBJECT),
              List.of(Origin.THIRD_ARGUMENT)))));

      Set<String> all = new HashSet<>(hooks.keySet());
      all.addAll(withField);
      names = Set.copyOf(all);
    }

    private static MethodHook apache5RedirectAllowed() {
      return new MethodHook(
          withCode().and(named("isRedirectAllowed")).and(descriptorStartsWith(
              "(Lorg/apache/hc/core5/http/HttpHost;Lorg/apache/hc/core5/http/HttpHost;"
                  + "Lorg/apache/hc/core5/http/HttpRequest;")),
          new Advice.WrapArgument(2, bridge("apache5Redirect", OBJECT_TO_OBJECT)));
    }

    @Override
    public Set<String> typeNames() {
      return names;
    }

    @Override
    public Set<String> typesWithTetherField() {
      return withField;
    }

    @Override
    public List<MethodHook> hooksFor(String internalName) {
      return hooks.getOrDefault(internalName, List.of());
    }

    private static String internal(String className) {
      return className.replace('.', '/');
    }

    private static BridgeMethod bridge(String name, String descriptor) {
      return BridgeMethod.of(HOOKS, name, descriptor);
    }
  }
}
