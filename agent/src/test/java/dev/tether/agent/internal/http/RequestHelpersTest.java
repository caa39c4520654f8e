package dev.tether.agent.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.internal.install.HelperInjector;
import dev.tether.bootstrap.HttpMessageAccess;
import dev.tether.instrumentation.http.HttpClientsInstrumentationModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The helper for a library's requests is defined beside the library, once for all its request
 * classes; one that cannot be had is an error that names the library, which the bridge turns
 * into a refusal.
 */
class RequestHelpersTest {

  private static final List<String> HELPERS =
      new HttpClientsInstrumentationModule().helperClassNames();

  @Test
  void theHelperLivesInAChildOfTheLibrarysLoaderAndServesEveryRequestClassOfIt() {
    RequestHelpers helpers = new RequestHelpers(
        HelperInjector.fromResources(getClass().getClassLoader(), HELPERS));
    okhttp3.Request request = new okhttp3.Request.Builder().url("https://api.example.com/").build();

    HttpMessageAccess access = helpers.okHttp(request);

    ClassLoader helperLoader = access.getClass().getClassLoader();
    assertThat(helperLoader.getName()).isEqualTo("tether-helpers");
    assertThat(helperLoader.getParent()).isSameAs(okhttp3.Request.class.getClassLoader());
    assertThat(access.getClass()).isNotSameAs(dev.tether.instrumentation.http.OkHttpMessages.class);
    assertThat(access.requestHost(request)).isEqualTo("api.example.com");
    assertThat(helpers.okHttp(request)).isSameAs(access);
    // Another library in the same loader (here, as far as class loading goes, this test's
    // class): its helper in the same child loader.
    assertThat(helpers.apache5(this).getClass().getClassLoader()).isSameAs(helperLoader);
  }

  @Test
  void aHelperThatCannotBeDefinedIsAnErrorNamingTheLibrary() {
    RequestHelpers helpers = new RequestHelpers(new HelperInjector(name -> null, HELPERS));
    okhttp3.Request request = new okhttp3.Request.Builder().url("https://api.example.com/").build();

    assertThatThrownBy(() -> helpers.okHttp(request))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Tether cannot read the requests of OkHttp (okhttp3.Request")
        .hasMessageContaining("is missing from the agent jar")
        .hasMessageContaining("docs/http-clients.md");
  }
}
