package dev.tether.agent.internal.http;

import dev.tether.agent.internal.install.HelperInjector;
import dev.tether.bootstrap.ApacheMessageAccess;
import dev.tether.bootstrap.HttpMessageAccess;

/**
 * For each OkHttp and Apache request class, the helper that reads and changes its requests
 * ({@link HttpMessageAccess}), defined beside the library the class came from, once per class.
 */
final class RequestHelpers {

  private static final String PACKAGE = "dev.tether.instrumentation.http.";

  private final ClassValue<HttpMessageAccess> okHttp;
  private final ClassValue<HttpMessageAccess> apache5;
  private final ClassValue<HttpMessageAccess> apache4;

  RequestHelpers(HelperInjector injector) {
    okHttp = new Helpers(injector, PACKAGE + "OkHttpMessages", "OkHttp");
    apache5 = new Helpers(injector, PACKAGE + "Apache5Messages", "Apache HttpClient 5");
    apache4 = new Helpers(injector, PACKAGE + "Apache4Messages", "Apache HttpClient 4");
  }

  HttpMessageAccess okHttp(Object request) {
    return okHttp.get(request.getClass());
  }

  ApacheMessageAccess apache5(Object request) {
    return (ApacheMessageAccess) apache5.get(request.getClass());
  }

  ApacheMessageAccess apache4(Object request) {
    return (ApacheMessageAccess) apache4.get(request.getClass());
  }

  private static final class Helpers extends ClassValue<HttpMessageAccess> {
    private final HelperInjector injector;
    private final String helper;
    private final String library;

    Helpers(HelperInjector injector, String helper, String library) {
      this.injector = injector;
      this.helper = helper;
      this.library = library;
    }

    @Override
    protected HttpMessageAccess computeValue(Class<?> requestClass) {
      ClassLoader loader = requestClass.getClassLoader();
      try {
        return (HttpMessageAccess) injector.newInstance(loader, helper);
      } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
        // Not cached: the next request tries again, and is refused again if it fails again.
        throw new IllegalStateException("Tether cannot read the requests of " + library + " ("
            + requestClass.getName() + ", loaded by " + loader + "): " + e
            + "; is the library's version one Tether supports (docs/http-clients.md)?", e);
      }
    }
  }
}
