package dev.tether.vault.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.Headers;
import dev.tether.core.wire.ApiTokenRequest;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.GitHubTokenRequest;
import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.WireJson;
import dev.tether.vault.internal.apitoken.IntrospectionEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the Vault's request decoding (docs/fuzzing.md): whatever the bytes, each JSON
 * endpoint's decoder ({@link JsonRequests}), the introspection form ({@link FormRequests}) and the
 * checks on query string and headers ({@link RequestChecks}) either accept the request or refuse it
 * with a {@link RequestRejected}: a 4xx status of the expected kind, a code, and a printable,
 * bounded message. No other exception, so no request can reach an endpoint half-decoded or turn
 * into a 500. What a decoder accepts, it accepts again after core writes it back.
 *
 * <p>Seeds in {@code RequestDecodingFuzzTestInputs/decodeJson/}: the request examples of
 * docs/vault-api.yaml, and some of the bad bodies of RequestValidationTest; in {@code
 * .../decodeForm/}: introspection forms, good and bad.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestDecodingFuzzTest {

  /**
   * Core's messages name a field path of up to 64 levels of 68 characters (docs/fuzzing.md); the
   * Vault's own are under 400 characters.
   */
  private static final int MAX_MESSAGE = 5_000;

  private static final List<Class<?>> REQUESTS =
      List.of(
          GrantRequest.class,
          NonceRequest.class,
          RedeemRequest.class,
          ReattestRequest.class,
          AwsCredentialsRequest.class,
          ApiTokenRequest.class,
          GitHubTokenRequest.class);

  private static final String[] HEADER_NAMES = {
    "Content-Type", "Content-Encoding", "Content-Length", "Transfer-Encoding", "Authorization",
    "Tether-PoP", "Host", "X-Padding"
  };

  /** The same bytes as the body of each JSON endpoint. */
  @FuzzTest
  void decodeJson(byte[] body) {
    for (Class<?> type : REQUESTS) {
      Object request;
      try {
        request = JsonRequests.decode(body, type);
      } catch (RequestRejected rejected) {
        assertClear(rejected, Set.of(400, 413));
        continue;
      }
      try {
        assertEquals(request, JsonRequests.decode(WireJson.write(request), type));
      } catch (RequestRejected rejected) {
        fail("accepted once, refused after a round trip: " + rejected.getMessage());
      }
    }
  }

  /** The bytes as the introspection form. */
  @FuzzTest
  void decodeForm(byte[] body) {
    Map<String, String> form;
    try {
      form = FormRequests.decode(body, IntrospectionEndpoint.FORM);
    } catch (RequestRejected rejected) {
      assertClear(rejected, Set.of(400, 413));
      return;
    }
    assertTrue(Set.of("token", "token_type_hint").containsAll(form.keySet()));
    assertFalse(form.get("token").isEmpty());
    assertTrue(form.get("token").length() <= 512);
  }

  /** Any route kind, query string and headers. */
  @FuzzTest
  void checkRequest(FuzzedDataProvider data) {
    Accepts accepts = data.pickValue(Accepts.values());
    String query = data.consumeBoolean() ? null : data.consumeString(300);
    Headers headers = new Headers();
    int count = data.consumeInt(0, 80);
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      String name = data.consumeBoolean() ? data.pickValue(HEADER_NAMES) : data.consumeString(20);
      String value = data.consumeString(data.consumeInt(0, 20_000));
      try {
        headers.add(name, value);
      } catch (IllegalArgumentException | NullPointerException notAHeader) {
        // Names and values the JDK server would never hand over (line breaks): not a request.
      }
    }
    try {
      RequestChecks.checkHeaders(headers);
      RequestChecks.check("POST /v1/fuzz", accepts, query, headers);
    } catch (RequestRejected rejected) {
      assertClear(rejected, Set.of(400, 415, 431));
    }
  }

  private static void assertClear(RequestRejected rejected, Set<Integer> statuses) {
    assertTrue(statuses.contains(rejected.status()), "status " + rejected.status());
    assertFalse(rejected.code().isBlank());
    String message = rejected.getMessage();
    assertFalse(message.isBlank());
    assertTrue(message.length() <= MAX_MESSAGE, "message of " + message.length() + " characters");
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      assertTrue(c >= 0x20 && c < 0x7f, "unprintable character " + (int) c + " in " + message);
    }
    assertEquals(rejected.code(), rejected.error().error());
  }
}
