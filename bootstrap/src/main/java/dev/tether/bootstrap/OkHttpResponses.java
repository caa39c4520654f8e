package dev.tether.bootstrap;

import java.lang.reflect.Method;

/**
 * The request an {@code okhttp3.Response} answers: OkHttp hands its follow-up step the response,
 * and the request in it is the one the hop before was sent as (as Tether decided it).
 */
final class OkHttpResponses {

  /** {@code Response.request()} of each OkHttp loaded, or {@code null} where there is none. */
  private static final ClassValue<Method> REQUEST = new ClassValue<>() {
    @Override
    protected Method computeValue(Class<?> type) {
      try {
        return type.getMethod("request");
      } catch (NoSuchMethodException e) {
        return null;
      }
    }
  };

  private OkHttpResponses() {}

  /** The request {@code response} answers, or {@code null} when it cannot be read. */
  static Object request(Object response) {
    if (response == null) {
      return null;
    }
    Method request = REQUEST.get(response.getClass());
    if (request == null) {
      return null;
    }
    try {
      return request.invoke(response);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // then the thread's own context decides, as before
    }
  }
}
