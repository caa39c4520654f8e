package dev.tether.instrumentation.http;

import dev.tether.bootstrap.HttpMessageAccess;
import java.util.List;
import okhttp3.Request;

/**
 * OkHttp's requests (3, 4 and 5, whose Java-visible methods are the same) for the agent: a helper,
 * defined beside the application's OkHttp (see {@link HttpMessageAccess}). A request is immutable:
 * each change is a copy made through its builder.
 */
public final class OkHttpMessages implements HttpMessageAccess {

  @Override
  public String requestScheme(Object request) {
    return ((Request) request).url().scheme();
  }

  @Override
  public String requestHost(Object request) {
    return ((Request) request).url().host();
  }

  @Override
  public int requestPort(Object request) {
    return ((Request) request).url().port();
  }

  @Override
  public String header(Object request, String name) {
    return ((Request) request).header(name);
  }

  @Override
  public String onlyValue(Object request, String name) {
    List<String> values = ((Request) request).headers(name);
    return values.size() == 1 ? values.get(0) : null;
  }

  @Override
  public Object withHeader(Object request, String name, String value, String[] removed) {
    Request.Builder builder = ((Request) request).newBuilder().header(name, value);
    for (String other : removed) {
      builder.removeHeader(other);
    }
    return builder.build();
  }

  @Override
  public Object withoutHeader(Object request, String name) {
    return ((Request) request).newBuilder().removeHeader(name).build();
  }
}
