package dev.tether.it.apps;

import dev.langchain4j.agent.tool.Tool;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/**
 * A workload whose tool calls an external API through each of the five HTTP clients, the way
 * application code does: with the ambient secret it holds in the {@code Authorization} header.
 * Each client calls the API twice, then a host outside the tool's egress list once, then two
 * paths of the API that redirect: one to the host outside egress, one to another host inside it.
 * Every client follows redirects (the JDK's is built to). Prints {@code CALL|OUTSIDE|REDIRECT|FORWARD
 * <client> <status or REFUSED message>} lines for HttpClientsIT.
 */
public final class HttpClientsApp {

  public static final String AMBIENT = "Bearer ambient-secret-0123456789";
  /** Where the application puts its secret: {@code Authorization} unless the test says otherwise. */
  static final String AMBIENT_HEADER = System.getProperty("it.ambient-header", "Authorization");
  public static final List<String> CLIENTS = List.of(
      "jdk", "jdk-async", "url-connection", "url-connection-twice", "okhttp", "okhttp-thread", "apache5", "apache5-lax",
      "apache5-async", "apache4", "apache4-legacy");
  /**
   * Clients the application set up to add its secret to every request themselves (an OkHttp
   * interceptor, application or network; an Apache request interceptor), after the request is
   * handed over: the request the tool builds carries none.
   */
  public static final List<String> ADDING_CLIENTS = List.of(
      "okhttp-interceptor", "okhttp-network-interceptor", "okhttp-thread-interceptor",
      "apache5-interceptor",
      "apache5-async-interceptor", "apache4-interceptor", "apache4-legacy-interceptor");

  /**
   * Of those, the clients whose interceptor runs on every hop, a redirect's too (OkHttp's network
   * interceptors, Apache's request interceptors), and so adds the secret to a request for another
   * host as well.
   */
  public static final List<String> ADDING_ON_EVERY_HOP = List.of(
      "okhttp-network-interceptor", "apache5-interceptor", "apache5-async-interceptor",
      "apache4-interceptor", "apache4-legacy-interceptor");

  /**
   * Clients given the application's secret as HTTP Basic credentials, for when the API asks
   * ({@code 401} with {@code WWW-Authenticate}): a per-connection {@code java.net.Authenticator},
   * the JDK client's authenticator, an OkHttp authenticator, Apache's credentials providers. Each
   * calls the API's {@code /challenge}, which always asks.
   */
  public static final List<String> CHALLENGED_CLIENTS = List.of(
      "url-connection-challenged", "jdk-challenged", "okhttp-challenged", "apache5-challenged",
      "apache4-challenged");
  static final String SECRET_PASSWORD = "ambient-secret-password";

  private static URI api;
  private static URI outside;

  public static void main(String[] args) throws Exception {
    api = URI.create(args[0]);
    outside = URI.create(args[1]);
    List<String> clients = args.length > 2 ? List.of(args[2].split(",")) : CLIENTS;
    System.out.println("JAVA " + Runtime.version().feature());
    if (clients.contains("okhttp")) {
      System.out.println("OKHTTP-VERSION " + okHttpVersion());
    }
    new Tools().callApi(clients);
    // The clients' classes the agent gives a field of its own as they load (without it, what it
    // keeps per request goes in a map, which works as well, but slower).
    System.out.println("CARRIERS " + carries("jdk.internal.net.http.MultiExchange") + " "
        + carries("okhttp3.Request") + " " + carries("sun.net.www.protocol.http.HttpURLConnection"));
    System.out.println("OUTSIDE-TOOL " + call("jdk", api));
    System.out.println("DONE");
    System.exit(0);
  }

  /**
   * Read at run time (the constant would be inlined from the OkHttp this was compiled with):
   * {@code OkHttp.VERSION} from OkHttp 4, the user agent's "okhttp/3.x.y" before it.
   */
  private static String okHttpVersion() throws ReflectiveOperationException {
    try {
      return (String) Class.forName("okhttp3.OkHttp").getField("VERSION").get(null);
    } catch (ClassNotFoundException beforeOkHttp4) {
      String userAgent = (String) Class.forName("okhttp3.internal.Version")
          .getMethod("userAgent").invoke(null);
      return userAgent.substring(userAgent.indexOf('/') + 1);
    }
  }

  public static final class Tools {
    @Tool("calls the external API through every HTTP client")
    public void callApi(List<String> clients) {
      for (String client : clients) {
        for (int i = 0; i < 2; i++) {
          System.out.println("CALL " + client + " " + attempt(client, api));
        }
        System.out.println("OUTSIDE " + client + " " + attempt(client, outside));
        // The API answers 302, to the host outside egress, then to another host inside it.
        System.out.println("REDIRECT " + client + " " + attempt(client, api.resolve("/redirect")));
        System.out.println("FORWARD " + client + " " + attempt(client, api.resolve("/forward")));
      }
    }
  }

  private static String carries(String className) throws ClassNotFoundException {
    boolean carrier = false;
    for (Class<?> type : Class.forName(className).getInterfaces()) {
      carrier |= type.getName().equals("dev.tether.bootstrap.TetherField");
    }
    return className + "=" + carrier;
  }

  private static String attempt(String client, URI url) {
    try {
      return String.valueOf(call(client, url));
    } catch (Throwable e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof SecurityException) {
          return "REFUSED " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
      }
      return "FAILED " + e;
    }
  }

  private static HttpClient following() {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** Executes {@code call} on a thread of the application's own, which carries no tool context. */
  private static int onOwnThread(OkHttpClient ok, okhttp3.Call call) throws Exception {
    CompletableFuture<Integer> code = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try (Response response = call.execute()) {
        code.complete(response.code());
      } catch (Throwable e) {
        code.completeExceptionally(e);
      }
    });
    try {
      thread.start();
      thread.join();
      return code.get();
    } finally {
      ok.dispatcher().executorService().shutdown();
      ok.connectionPool().evictAll();
    }
  }

  /** The connection's response code, its body read, then the connection closed. */
  private static int responseOf(HttpURLConnection connection) throws java.io.IOException {
    try (InputStream ignored = connection.getResponseCode() == 200
        ? connection.getInputStream() : connection.getErrorStream()) {
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }

  /** The API's path that always asks for credentials, in place of its resource; others as they are. */
  private static URI challenged(URI url) {
    return url.getPath().equals("/resource") ? url.resolve("/challenge") : url;
  }

  /** Answers every request for credentials, server or proxy, with the application's secret. */
  private static final java.net.Authenticator SECRET_AUTHENTICATOR = new java.net.Authenticator() {
    @Override
    protected java.net.PasswordAuthentication getPasswordAuthentication() {
      return new java.net.PasswordAuthentication("alice", SECRET_PASSWORD.toCharArray());
    }
  };

  static int call(String client, URI url) throws Exception {
    switch (client) {
      case "jdk":
        return following().send(
            HttpRequest.newBuilder(url).header(AMBIENT_HEADER, AMBIENT).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
      case "jdk-async":
        return following().sendAsync(
            HttpRequest.newBuilder(url).header(AMBIENT_HEADER, AMBIENT).build(),
            HttpResponse.BodyHandlers.discarding()).get(10, TimeUnit.SECONDS).statusCode();
      case "url-connection": {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setRequestProperty(AMBIENT_HEADER, AMBIENT);
        return responseOf(connection);
      }
      case "url-connection-twice": {
        // Added twice: setRequestProperty would replace one of the two.
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.addRequestProperty(AMBIENT_HEADER, AMBIENT);
        connection.addRequestProperty(AMBIENT_HEADER, AMBIENT);
        return responseOf(connection);
      }
      case "url-connection-challenged": {
        HttpURLConnection connection =
            (HttpURLConnection) challenged(url).toURL().openConnection();
        connection.setAuthenticator(SECRET_AUTHENTICATOR);
        return responseOf(connection);
      }
      case "jdk-challenged":
        return HttpClient.newBuilder().authenticator(SECRET_AUTHENTICATOR).build().send(
            HttpRequest.newBuilder(challenged(url)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
      case "okhttp-challenged": {
        OkHttpClient ok = new OkHttpClient.Builder().authenticator((route, response) ->
            response.request().newBuilder().header("Authorization",
                okhttp3.Credentials.basic("alice", SECRET_PASSWORD)).build()).build();
        try (Response response = ok.newCall(
            new Request.Builder().url(challenged(url).toString()).build()).execute()) {
          return response.code();
        } finally {
          ok.dispatcher().executorService().shutdown();
          ok.connectionPool().evictAll();
        }
      }
      case "apache5-challenged": {
        org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider credentials =
            new org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider();
        credentials.setCredentials(new org.apache.hc.client5.http.auth.AuthScope(null, -1),
            new org.apache.hc.client5.http.auth.UsernamePasswordCredentials("alice",
                SECRET_PASSWORD.toCharArray()));
        try (CloseableHttpClient apache =
            HttpClients.custom().setDefaultCredentialsProvider(credentials).build()) {
          return apache.execute(new HttpGet(challenged(url)), response -> response.getCode());
        }
      }
      case "apache4-challenged": {
        org.apache.http.impl.client.BasicCredentialsProvider credentials =
            new org.apache.http.impl.client.BasicCredentialsProvider();
        credentials.setCredentials(org.apache.http.auth.AuthScope.ANY,
            new org.apache.http.auth.UsernamePasswordCredentials("alice", SECRET_PASSWORD));
        try (org.apache.http.impl.client.CloseableHttpClient apache =
            org.apache.http.impl.client.HttpClients.custom()
                .setDefaultCredentialsProvider(credentials).build();
            org.apache.http.client.methods.CloseableHttpResponse response = apache.execute(
                new org.apache.http.client.methods.HttpGet(challenged(url)))) {
          return response.getStatusLine().getStatusCode();
        }
      }
      case "okhttp": {
        OkHttpClient ok = new OkHttpClient();
        try (Response response = ok.newCall(new Request.Builder().url(url.toString())
            .header(AMBIENT_HEADER, AMBIENT).build()).execute()) {
          return response.code();
        } finally {
          ok.dispatcher().executorService().shutdown();
          ok.connectionPool().evictAll();
        }
      }
      case "okhttp-thread": {
        // Made in the tool, run on a thread of the application's own, which carries no tool context.
        OkHttpClient ok = new OkHttpClient();
        return onOwnThread(ok, ok.newCall(new Request.Builder().url(url.toString())
            .header(AMBIENT_HEADER, AMBIENT).build()));
      }
      case "apache5":
        try (CloseableHttpClient apache = HttpClients.createDefault()) {
          HttpGet get = new HttpGet(url);
          get.setHeader(AMBIENT_HEADER, AMBIENT);
          return apache.execute(get, response -> response.getCode());
        }
      case "apache5-lax":
        // The lax strategy follows a redirect to another host with Authorization on it.
        try (CloseableHttpClient apache = HttpClients.custom()
            .setRedirectStrategy(org.apache.hc.client5.http.impl.LaxRedirectStrategy.INSTANCE)
            .build()) {
          HttpGet get = new HttpGet(url);
          get.setHeader(AMBIENT_HEADER, AMBIENT);
          return apache.execute(get, response -> response.getCode());
        }
      case "apache5-async":
        try (CloseableHttpAsyncClient apache = HttpAsyncClients.createDefault()) {
          apache.start();
          SimpleHttpResponse response = apache.execute(
              SimpleRequestBuilder.get(url).addHeader(AMBIENT_HEADER, AMBIENT).build(), null)
              .get(10, TimeUnit.SECONDS);
          return response.getCode();
        }
      case "apache4":
        try (org.apache.http.impl.client.CloseableHttpClient apache =
            org.apache.http.impl.client.HttpClients.createDefault()) {
          org.apache.http.client.methods.HttpGet get =
              new org.apache.http.client.methods.HttpGet(url);
          get.setHeader(AMBIENT_HEADER, AMBIENT);
          try (org.apache.http.client.methods.CloseableHttpResponse response = apache.execute(get)) {
            return response.getStatusLine().getStatusCode();
          }
        }
      case "apache4-legacy": {
        // The deprecated DefaultHttpClient (AbstractHttpClient), still found in older code.
        @SuppressWarnings("deprecation")
        org.apache.http.impl.client.DefaultHttpClient legacy =
            new org.apache.http.impl.client.DefaultHttpClient();
        try {
          org.apache.http.client.methods.HttpGet get =
              new org.apache.http.client.methods.HttpGet(url);
          get.setHeader(AMBIENT_HEADER, AMBIENT);
          org.apache.http.HttpResponse response = legacy.execute(get);
          org.apache.http.util.EntityUtils.consume(response.getEntity());
          return response.getStatusLine().getStatusCode();
        } finally {
          legacy.getConnectionManager().shutdown();
        }
      }
      case "okhttp-interceptor":
      case "okhttp-network-interceptor": {
        okhttp3.Interceptor addsSecret = chain -> chain.proceed(
            chain.request().newBuilder().header(AMBIENT_HEADER, AMBIENT).build());
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        OkHttpClient ok = client.equals("okhttp-interceptor")
            ? builder.addInterceptor(addsSecret).build()
            : builder.addNetworkInterceptor(addsSecret).build();
        try (Response response =
            ok.newCall(new Request.Builder().url(url.toString()).build()).execute()) {
          return response.code();
        } finally {
          ok.dispatcher().executorService().shutdown();
          ok.connectionPool().evictAll();
        }
      }
      case "okhttp-thread-interceptor": {
        // Made in the tool, run on a thread of the application's own (no tool context there), and
        // the interceptor makes its own request from the one handed over.
        OkHttpClient ok = new OkHttpClient.Builder().addInterceptor(chain -> chain.proceed(
            chain.request().newBuilder().header(AMBIENT_HEADER, AMBIENT).build())).build();
        return onOwnThread(ok, ok.newCall(new Request.Builder().url(url.toString()).build()));
      }
      case "apache5-interceptor":
        try (CloseableHttpClient apache = HttpClients.custom()
            .addRequestInterceptorLast((request, entity, context) ->
                request.setHeader(AMBIENT_HEADER, AMBIENT))
            .build()) {
          return apache.execute(new HttpGet(url), response -> response.getCode());
        }
      case "apache5-async-interceptor":
        try (CloseableHttpAsyncClient apache = HttpAsyncClients.custom()
            .addRequestInterceptorLast((request, entity, context) ->
                request.setHeader(AMBIENT_HEADER, AMBIENT))
            .build()) {
          apache.start();
          return apache.execute(SimpleRequestBuilder.get(url).build(), null)
              .get(10, TimeUnit.SECONDS).getCode();
        }
      case "apache4-interceptor":
        try (org.apache.http.impl.client.CloseableHttpClient apache =
            org.apache.http.impl.client.HttpClients.custom()
                .addInterceptorLast((org.apache.http.HttpRequestInterceptor) (request, context) ->
                    request.setHeader(AMBIENT_HEADER, AMBIENT))
                .build();
            org.apache.http.client.methods.CloseableHttpResponse response =
                apache.execute(new org.apache.http.client.methods.HttpGet(url))) {
          return response.getStatusLine().getStatusCode();
        }
      case "apache4-legacy-interceptor": {
        @SuppressWarnings("deprecation")
        org.apache.http.impl.client.DefaultHttpClient legacy =
            new org.apache.http.impl.client.DefaultHttpClient();
        legacy.addRequestInterceptor((request, context) ->
            request.setHeader(AMBIENT_HEADER, AMBIENT));
        try {
          org.apache.http.HttpResponse response =
              legacy.execute(new org.apache.http.client.methods.HttpGet(url));
          org.apache.http.util.EntityUtils.consume(response.getEntity());
          return response.getStatusLine().getStatusCode();
        } finally {
          legacy.getConnectionManager().shutdown();
        }
      }
      default:
        throw new IllegalArgumentException(client);
    }
  }
}
