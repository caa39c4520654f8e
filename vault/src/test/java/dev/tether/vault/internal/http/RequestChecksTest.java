package dev.tether.vault.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.Test;

/** The checks before any endpoint: what passes, and what each refusal says. */
class RequestChecksTest {

  private static final String ROUTE = "POST /v1/grants";

  @Test
  void acceptsTheMediaTypeInAnyCaseWithUtf8OrNoCharsetAndNoContentTypeAtAll() {
    for (String type :
        new String[] {
          "application/json", "Application/JSON", "application/json; charset=utf-8",
          "application/json;charset=\"UTF-8\"", "application/json; charset=UTF-8; q=1", null
        }) {
      assertThatCode(() -> check(Accepts.JSON, null, headers("Content-Type", type)))
          .as(type).doesNotThrowAnyException();
    }
    assertThatCode(() -> check(Accepts.FORM, null,
        headers("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")))
        .doesNotThrowAnyException();
    assertThatCode(() -> check(Accepts.JSON, "", headers("Content-Encoding", "identity")))
        .as("an empty query string and the identity encoding").doesNotThrowAnyException();
  }

  @Test
  void refusesOtherMediaTypesCharsetsAndEncodingsWith415() {
    assertRefused(Accepts.JSON, null, headers("Content-Type", "application/jsonx"), 415,
        "Content-Type 'application/jsonx' is not accepted by POST /v1/grants; send the body as"
            + " JSON with Content-Type: application/json");
    assertRefused(Accepts.JSON, null, headers("Content-Type", ""), 415,
        "Content-Type '(empty)' is not accepted");
    assertRefused(Accepts.JSON, null, headers("Content-Type", "application/json; charset=utf-16"),
        415, "charset 'utf-16' is not accepted by POST /v1/grants; send the body in UTF-8");
    assertRefused(Accepts.FORM, null, headers("Content-Type", "application/json"), 415,
        "send the body as form-encoded with Content-Type: application/x-www-form-urlencoded");
    assertRefused(Accepts.JSON, null, headers("Content-Encoding", "br"), 415,
        "Content-Encoding 'br' is not accepted by POST /v1/grants; send the body uncompressed");
    Headers two = headers("Content-Type", "application/json");
    two.add("Content-Type", "application/json");
    assertRefused(Accepts.JSON, null, two, 415, "the request has 2 Content-Type headers");
  }

  @Test
  void aContentTypeIsQuotedPrintableAndShort() {
    RequestRejected rejected = refused(Accepts.JSON, null,
        headers("Content-Type", "text/\u00e9'" + "x".repeat(200)));

    assertThat(rejected.getMessage()).contains("'text/??xxx").contains("...'")
        .hasSizeLessThan(300);
  }

  @Test
  void refusesQueryStringsAndBodiesWhereNoneBelong() {
    assertRefused(Accepts.JSON, "a=1", new Headers(), 400,
        "POST /v1/grants takes no query string (the request has 3 characters after '?'); send"
            + " every parameter in the JSON body");
    assertRefused(Accepts.NOTHING, null, headers("Content-Length", "5"), 400, "takes no body");
    assertRefused(Accepts.NOTHING, null, headers("Transfer-Encoding", "chunked"), 400,
        "takes no body");
    assertThatCode(() -> check(Accepts.NOTHING, null, headers("Content-Length", "0")))
        .doesNotThrowAnyException();
    assertThatCode(() -> check(Accepts.ANYTHING, "Action=AssumeRole",
        headers("Content-Type", "text/plain"))).as("the local STS judges for itself")
        .doesNotThrowAnyException();
  }

  @Test
  void refusesTooManyOrTooLargeHeadersWith431() throws Exception {
    Headers many = new Headers();
    for (int i = 0; i <= RequestChecks.MAX_HEADERS; i++) {
      many.add("X-Header-" + i, "v");
    }
    Headers large = headers("X-Large", "v".repeat(RequestChecks.MAX_HEADER_BYTES));

    for (Headers headers : new Headers[] {many, large}) {
      RequestRejected rejected =
          catchThrowableOfType(RequestRejected.class, () -> RequestChecks.checkHeaders(headers));
      assertThat(rejected.status()).isEqualTo(431);
      assertThat(rejected.code()).isEqualTo("headers_too_large");
      assertThat(rejected.getMessage()).contains("at most 64 lines and 16384 bytes");
    }
    RequestChecks.checkHeaders(headers("X-Fits", "v".repeat(RequestChecks.MAX_HEADER_BYTES - 20)));
  }

  private static void check(Accepts accepts, String query, Headers headers)
      throws RequestRejected {
    RequestChecks.check(ROUTE, accepts, query, headers);
  }

  private static RequestRejected refused(Accepts accepts, String query, Headers headers) {
    return catchThrowableOfType(RequestRejected.class, () -> check(accepts, query, headers));
  }

  private static void assertRefused(
      Accepts accepts, String query, Headers headers, int status, String says) {
    RequestRejected rejected = refused(accepts, query, headers);
    assertThat(rejected).as(says).isNotNull();
    assertThat(rejected.status()).isEqualTo(status);
    assertThat(rejected.code())
        .isEqualTo(status == 415 ? "unsupported_media_type" : "invalid_request");
    assertThat(rejected.getMessage()).contains(says);
  }

  private static Headers headers(String name, String value) {
    Headers headers = new Headers();
    if (value != null) {
      headers.add(name, value);
    }
    return headers;
  }
}
