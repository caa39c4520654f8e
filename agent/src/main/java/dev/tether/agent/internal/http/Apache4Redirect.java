package dev.tether.agent.internal.http;

import java.lang.reflect.Array;
import java.lang.reflect.Method;

/**
 * Apache HttpClient 4's redirect, as its redirect strategy returns it: for a {@code 301}, {@code
 * 302} or {@code 303} a new request without headers, onto which {@code RedirectExec} then copies
 * every header of the first request, tokens included. Copied here first, they are decided with the
 * rest of the redirect; a redirect left with headers is not copied onto again. The deprecated
 * {@code DefaultHttpClient} copies them in any case, from the request its wrapper wraps: that one
 * must keep no token either ({@link #originalOf}).
 */
final class Apache4Redirect {

  private static final String MESSAGE = "org.apache.http.HttpMessage";

  private static final ClassValue<Methods> METHODS = new ClassValue<>() {
    @Override
    protected Methods computeValue(Class<?> type) {
      return new Methods(type);
    }
  };

  private static final class Methods {
    final Method allHeaders;
    final Method setHeaders;
    /** {@code getOriginal()} of the client's request wrappers, or {@code null}. */
    final Method original;

    Methods(Class<?> type) {
      allHeaders = Reflective.method(type, MESSAGE, "getAllHeaders");
      Method getOriginal;
      try {
        getOriginal = type.getMethod("getOriginal");
      } catch (NoSuchMethodException e) {
        getOriginal = null;
      }
      original = getOriginal;
      try {
        Class<?> headers = Class.forName("[Lorg.apache.http.Header;", false, type.getClassLoader());
        setHeaders = Reflective.method(type, MESSAGE, "setHeaders", headers);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("org.apache.http.Header is not there in "
            + type.getName() + "'s library (" + e + ")", e);
      }
    }
  }

  private Apache4Redirect() {}

  /** The request {@code redirected} wraps, when it is one of the client's wrappers; else null. */
  static Object originalOf(Object redirected) {
    Method original = METHODS.get(redirected.getClass()).original;
    return original == null ? null : Reflective.call(original, redirected);
  }

  /** Gives {@code redirect}, when it has no headers, those of {@code redirected}, as the client would. */
  static void inheritHeaders(Object redirect, Object redirected) {
    Methods methods = METHODS.get(redirect.getClass());
    if (Array.getLength(Reflective.call(methods.allHeaders, redirect)) == 0) {
      Object headers = Reflective.call(METHODS.get(redirected.getClass()).allHeaders, redirected);
      Reflective.call(methods.setHeaders, redirect, headers);
    }
  }
}
