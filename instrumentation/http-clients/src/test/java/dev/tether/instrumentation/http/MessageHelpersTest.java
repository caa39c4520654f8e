package dev.tether.instrumentation.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.bootstrap.ApacheMessageAccess;
import dev.tether.bootstrap.HttpMessageAccess;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The helpers the agent reads and changes OkHttp's and Apache's requests through, against the real
 * libraries: where a request goes, a header's one value, and a token put in as a header's only
 * value with the headers it goes without taken off, in place (Apache) or on a copy (OkHttp).
 */
class MessageHelpersTest {

  private static final String[] REMOVED = {"X-Api-Key", "Private-Token"};

  @Test
  void apache5ReadsTheRequestsAuthorityAndReplacesEveryValue() {
    ApacheMessageAccess access = new Apache5Messages();
    var request = new org.apache.hc.client5.http.classic.methods.HttpGet(
        "https://API.example.com:8443/repos");
    request.addHeader("Authorization", "Bearer secret-1");
    request.addHeader("Authorization", "Bearer secret-2");
    request.addHeader("X-Api-Key", "secret-3");
    request.addHeader("Accept", "application/json");

    assertThat(access.requestScheme(request)).isEqualTo("https");
    assertThat(access.requestHost(request)).isEqualToIgnoringCase("api.example.com");
    assertThat(access.requestPort(request)).isEqualTo(8443);
    assertThat(access.header(request, "authorization")).isEqualTo("Bearer secret-1");
    assertThat(access.onlyValue(request, "Authorization")).isNull(); // two values
    assertThat(access.onlyValue(request, "Accept")).isEqualTo("application/json");

    assertThat(access.withHeader(request, "Authorization", "Bearer token", REMOVED))
        .isSameAs(request);
    assertThat(values(request.getHeaders("Authorization"))).containsExactly("Bearer token");
    assertThat(request.getHeaders("X-Api-Key")).isEmpty();
    assertThat(access.onlyValue(request, "Authorization")).isEqualTo("Bearer token");
    assertThat(access.header(request, "Accept")).isEqualTo("application/json");

    access.withoutHeader(request, "Authorization");
    assertThat(access.header(request, "Authorization")).isNull();
  }

  @Test
  void apache5ReadsTheTargetAndTheContextAndARequestThatNamesNoHost() throws Exception {
    ApacheMessageAccess access = new Apache5Messages();
    var relative = new org.apache.hc.core5.http.message.BasicClassicHttpRequest("GET", "/path");
    assertThat(access.requestHost(relative)).isNull();
    assertThat(access.requestPort(relative)).isEqualTo(-1);

    var target = new org.apache.hc.core5.http.HttpHost("http", "127.0.0.1", 8080);
    assertThat(access.targetScheme(target)).isEqualTo("http");
    assertThat(access.targetHost(target)).isEqualTo("127.0.0.1");
    assertThat(access.targetPort(target)).isEqualTo(8080);

    var context = org.apache.hc.client5.http.protocol.HttpClientContext.create();
    context.setAttribute("http.target_host", target);
    assertThat(access.contextAttribute(context, "http.target_host")).isSameAs(target);
  }

  @Test
  void apache4ReadsAnAbsoluteUriOnlyAndReplacesEveryValue() {
    ApacheMessageAccess access = new Apache4Messages();
    var request = new org.apache.http.client.methods.HttpGet("https://api.example.com/repos");
    request.addHeader("Authorization", "Bearer secret-1");
    request.addHeader("Authorization", "Bearer secret-2");
    request.addHeader("Private-Token", "secret-3");

    assertThat(access.requestScheme(request)).isEqualTo("https");
    assertThat(access.requestHost(request)).isEqualTo("api.example.com");
    assertThat(access.requestPort(request)).isEqualTo(-1); // the scheme's default, for the agent
    assertThat(access.onlyValue(request, "Authorization")).isNull();

    assertThat(access.withHeader(request, "Authorization", "Bearer token", REMOVED))
        .isSameAs(request);
    assertThat(values(request.getHeaders("Authorization"))).containsExactly("Bearer token");
    assertThat(request.getHeaders("Private-Token")).isEmpty();

    // A request as the client writes it: a relative URI, no HttpUriRequest, the host elsewhere.
    var written = new org.apache.http.message.BasicHttpRequest("GET", "/repos");
    assertThat(access.requestScheme(written)).isNull();
    assertThat(access.requestHost(written)).isNull();
    assertThat(access.requestPort(written)).isEqualTo(-1);
    var target = new org.apache.http.HttpHost("api.example.com", 443, "https");
    var execution = new org.apache.http.protocol.BasicHttpContext();
    execution.setAttribute("http.target_host", target);
    assertThat(access.contextAttribute(execution, "http.target_host")).isSameAs(target);
    assertThat(access.targetScheme(target)).isEqualTo("https");
    assertThat(access.targetHost(target)).isEqualTo("api.example.com");
    assertThat(access.targetPort(target)).isEqualTo(443);
  }

  @Test
  void okHttpChangesACopyAndLeavesTheApplicationsRequestAsItWas() {
    HttpMessageAccess access = new OkHttpMessages();
    okhttp3.Request request = new okhttp3.Request.Builder().url("https://api.example.com:9443/x")
        .addHeader("Authorization", "Bearer secret-1")
        .addHeader("Authorization", "Bearer secret-2")
        .addHeader("X-Api-Key", "secret-3")
        .build();

    assertThat(access.requestScheme(request)).isEqualTo("https");
    assertThat(access.requestHost(request)).isEqualTo("api.example.com");
    assertThat(access.requestPort(request)).isEqualTo(9443);
    assertThat(access.onlyValue(request, "Authorization")).isNull();

    okhttp3.Request sent =
        (okhttp3.Request) access.withHeader(request, "Authorization", "Bearer token", REMOVED);
    assertThat(sent).isNotSameAs(request);
    assertThat(sent.headers("Authorization")).containsExactly("Bearer token");
    assertThat(sent.headers("X-Api-Key")).isEmpty();
    assertThat(access.onlyValue(sent, "Authorization")).isEqualTo("Bearer token");
    assertThat(request.headers("Authorization")).hasSize(2); // the application's, unchanged

    okhttp3.Request without = (okhttp3.Request) access.withoutHeader(sent, "Authorization");
    assertThat(access.header(without, "Authorization")).isNull();
  }

  private static List<String> values(Object[] headers) {
    return Arrays.stream(headers)
        .map(header -> header instanceof org.apache.http.Header
            ? ((org.apache.http.Header) header).getValue()
            : ((org.apache.hc.core5.http.Header) header).getValue())
        .toList();
  }
}
