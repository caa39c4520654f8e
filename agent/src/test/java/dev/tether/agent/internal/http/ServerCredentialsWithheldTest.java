package dev.tether.agent.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.net.Authenticator;
import java.net.Authenticator.RequestorType;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerCredentialsWithheldTest {

  private static final Authenticator SECRET = answering("ambient-secret");

  @AfterEach
  void noDefault() {
    Authenticator.setDefault(null);
  }

  @Test
  void aConnectionWithoutItsOwnAsksTheDefaultForProxiesAndNothingForTheApi() throws Exception {
    Authenticator.setDefault(SECRET);
    HttpURLConnection connection = connection();

    ServerCredentialsWithheld.install(connection);

    Authenticator installed = authenticatorOf(connection);
    assertThat(installed).isInstanceOf(ServerCredentialsWithheld.class);
    assertThat(ask(installed, RequestorType.SERVER)).as("the API asks").isNull();
    assertThat(ask(installed, RequestorType.PROXY)).as("the proxy asks")
        .extracting(PasswordAuthentication::getPassword).isEqualTo("ambient-secret".toCharArray());
    Authenticator.setDefault(null);
    assertThat(ask(installed, RequestorType.PROXY)).as("no default: nothing").isNull();
  }

  @Test
  void aConnectionsOwnAuthenticatorStillAnswersItsProxyNotTheApi() throws Exception {
    HttpURLConnection connection = connection();
    connection.setAuthenticator(answering("proxy-password"));

    ServerCredentialsWithheld.install(connection);
    Authenticator installed = authenticatorOf(connection);
    ServerCredentialsWithheld.install(connection); // a redirect: installed once

    assertThat(authenticatorOf(connection)).isSameAs(installed);
    assertThat(ask(installed, RequestorType.SERVER)).isNull();
    assertThat(ask(installed, RequestorType.PROXY))
        .extracting(PasswordAuthentication::getPassword).isEqualTo("proxy-password".toCharArray());
  }

  private static PasswordAuthentication ask(Authenticator authenticator, RequestorType type)
      throws Exception {
    URL url = URI.create("http://127.0.0.1:9/resource").toURL();
    return Authenticator.requestPasswordAuthentication(authenticator, "127.0.0.1", null, 9,
        "http", "api", "Basic", url, type);
  }

  private static HttpURLConnection connection() throws Exception {
    return (HttpURLConnection) URI.create("http://127.0.0.1:9/resource").toURL().openConnection();
  }

  /** Read as the JDK reads it (the package is opened by this module's surefire argLine). */
  private static Authenticator authenticatorOf(HttpURLConnection connection) throws Exception {
    Field field = Class.forName("sun.net.www.protocol.http.HttpURLConnection")
        .getDeclaredField("authenticator");
    field.setAccessible(true);
    return (Authenticator) field.get(connection);
  }

  private static Authenticator answering(String password) {
    return new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication("alice", password.toCharArray());
      }
    };
  }
}
