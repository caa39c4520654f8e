package dev.tether.vault.internal.sts;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.tether.core.policy.SessionPolicy;
import dev.tether.core.scope.AwsScope;
import dev.tether.vault.LocalSession;
import dev.tether.vault.MutableClock;
import dev.tether.vault.internal.oidc.OidcDocuments;
import dev.tether.vault.internal.oidc.OidcSigningKeys;
import dev.tether.vault.internal.oidc.WebIdentityTokens;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AssumeRoleWithWebIdentity at the local STS, with the Vault's OIDC issuer serving its discovery
 * document and key set over real HTTP: a good token gets a session with the token's tags and
 * source identity; a tampered, foreign, expired, mis-addressed or wrongly signed token gets STS's
 * error; key rotation reaches the STS through the key set.
 */
class WebIdentityStsTest {

  static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  static final String ROLE = "arn:aws:iam::000000000000:role/tether-tool";
  static final String AUDIENCE = WebIdentityTokens.STS_AUDIENCE;
  static final AwsScope SCOPE =
      new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::work/task-1/*"));

  private final MutableClock clock = new MutableClock(Instant.now());
  private final AtomicInteger keySetFetches = new AtomicInteger();
  private HttpServer issuerServer;
  private String issuer;
  private OidcSigningKeys keys;
  private WebIdentityTokens tokens;
  private LocalSts sts;

  @BeforeEach
  void start() throws Exception {
    keys = new OidcSigningKeys(clock, Duration.ofHours(1), Duration.ofMinutes(30));
    issuerServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    issuer = "http://127.0.0.1:" + issuerServer.getAddress().getPort();
    OidcDocuments documents = new OidcDocuments(() -> issuer, keys);
    issuerServer.createContext(OidcDocuments.DISCOVERY_PATH,
        exchange -> respond(exchange, JSON.writeValueAsString(documents.discovery())));
    issuerServer.createContext(OidcDocuments.JWKS_PATH, exchange -> {
      keySetFetches.incrementAndGet();
      respond(exchange, JSON.writeValueAsString(documents.keySet()));
    });
    issuerServer.start();
    tokens = new WebIdentityTokens(() -> issuer, AUDIENCE, keys, clock);
    sts = stsTrustingIssuer();
  }

  @AfterEach
  void stop() {
    issuerServer.stop(0);
  }

  @Test
  void aTokenFromTheRegisteredIssuerGetsASessionWithItsTagsAndSourceIdentity() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("task_id", "task-1");
    tags.put("user_id", "alice");
    tags.put("tool", "fetchSources");

    LocalSts.Answer answer = sts.answer(request(tokens.mint("fetchSources", tags, "tether-alice")));

    assertThat(answer.status()).as(answer.xml()).isEqualTo(200);
    assertThat(answer.xml())
        .contains("<AssumeRoleWithWebIdentityResponse")
        .contains("<SubjectFromWebIdentityToken>tool:fetchSources</SubjectFromWebIdentityToken>")
        .contains("<Audience>sts.amazonaws.com</Audience>")
        .contains("<Provider>127.0.0.1:" + issuerServer.getAddress().getPort() + "</Provider>")
        .contains("<SourceIdentity>tether-alice</SourceIdentity>")
        .contains("assumed-role/tether-tool/call-1</Arn>");
    LocalSession session = sts.session(element(answer.xml(), "AccessKeyId")).orElseThrow();
    assertThat(session.tags()).isEqualTo(tags);
    assertThat(session.scope()).isEqualTo(SCOPE);
  }

  @Test
  void aRotatedKeyReachesTheStsThroughTheKeySetAndARetiredOneLeavesIt() {
    String beforeRotation = tokens.mint("fetchSources", Map.of(), null);
    assertThat(sts.answer(request(beforeRotation)).status()).isEqualTo(200);
    assertThat(keySetFetches).hasValue(1);

    keys.rotate();
    String afterRotation = tokens.mint("fetchSources", Map.of(), null);
    assertThat(kid(afterRotation)).isNotEqualTo(kid(beforeRotation));

    assertThat(sts.answer(request(afterRotation)).status())
        .as("a token naming a key the STS lacks makes it fetch the key set again").isEqualTo(200);
    assertThat(keySetFetches).hasValue(2);
    assertThat(sts.answer(request(beforeRotation)).status())
        .as("the previous key is still published, and still verifies").isEqualTo(200);

    // After the retention period the retired key is gone from the key set: a verifier that
    // fetches it now cannot verify what that key signed (and the token has expired anyway).
    clock.advance(Duration.ofMinutes(31));
    assertThat(keys.publicKeys().getKeys()).extracting(k -> k.getKeyID())
        .containsExactly(kid(afterRotation));
    LocalSts fresh = stsTrustingIssuer();
    clock.advance(Duration.ofMinutes(-31));
    LocalSts.Answer refused = fresh.answer(request(beforeRotation));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.xml()).contains("<Code>InvalidIdentityToken</Code>")
        .contains("publishes no RSA key " + kid(beforeRotation));
  }

  @Test
  void aTamperedClaimBreaksTheSignature() throws Exception {
    String token = tokens.mint("fetchSources", Map.of("task_id", "task-1"), null);
    String[] parts = token.split("\\.");
    JWTClaimsSet widened = new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet())
        .subject("tool:deployProduction").build();
    String tampered = parts[0] + "." + Base64URL.encode(widened.toString()) + "." + parts[2];

    assertRefused(sts.answer(request(tampered)), "InvalidIdentityToken", "does not verify");
  }

  @Test
  void aTokenSignedWithAForeignKeyUnderTheIssuersKeyIdIsRefused() throws Exception {
    String genuine = tokens.mint("fetchSources", Map.of(), null);
    RSAKey foreign = new RSAKeyGenerator(2048).keyID(kid(genuine)).generate();
    SignedJWT forged = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid(genuine)).build(),
        SignedJWT.parse(genuine).getJWTClaimsSet());
    forged.sign(new RSASSASigner(foreign));

    assertRefused(sts.answer(request(forged.serialize())), "InvalidIdentityToken", "does not verify");
  }

  @Test
  void onlyRs256IsAccepted() throws Exception {
    String genuine = tokens.mint("fetchSources", Map.of(), null);
    SignedJWT hmac = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid(genuine)).build(),
        SignedJWT.parse(genuine).getJWTClaimsSet());
    hmac.sign(new MACSigner(new byte[32]));
    String unsigned = genuine.substring(0, genuine.lastIndexOf('.') + 1);
    String none = Base64URL.encode("{\"alg\":\"none\"}") + unsigned.substring(unsigned.indexOf('.'));

    assertRefused(sts.answer(request(hmac.serialize())), "InvalidIdentityToken", "sign with RS256");
    assertRefused(sts.answer(request(none)), "InvalidIdentityToken", "not a signed JWT");
  }

  @Test
  void theIssuerAndTheAudienceMustBeTheRegisteredOnes() {
    WebIdentityTokens otherIssuer = new WebIdentityTokens(
        () -> "https://issuer.example", AUDIENCE, keys, clock);
    WebIdentityTokens otherAudience = new WebIdentityTokens(() -> issuer, "someone-else", keys, clock);

    assertRefused(sts.answer(request(otherIssuer.mint("fetchSources", Map.of(), null))),
        "InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://issuer.example");
    assertRefused(sts.answer(request(otherAudience.mint("fetchSources", Map.of(), null))),
        "InvalidIdentityToken", "Incorrect token audience [someone-else]");
  }

  @Test
  void anExpiredTokenIsRefusedBeyondTheClockSkew() {
    String token = tokens.mint("fetchSources", Map.of(), null);
    clock.advance(Duration.ofMinutes(5).plus(LocalSts.MAX_SKEW).plusSeconds(1));

    assertRefused(sts.answer(request(token)), "ExpiredTokenException", "Token expired");
  }

  @Test
  void anUnsignedRequestForAnotherActionAndUnknownParametersAreRefused() {
    String token = tokens.mint("fetchSources", Map.of(), null);
    Map<String, String> assumeRole = form(token);
    assumeRole.put("Action", "AssumeRole");
    Map<String, String> withProvider = form(token);
    withProvider.put("ProviderId", "www.amazon.com");

    assertRefused(sts.answer(request(assumeRole)), "MissingAuthenticationToken", "unsigned");
    assertRefused(sts.answer(request(withProvider)), "ValidationError", "ProviderId");
  }

  @Test
  void anUnreachableIssuerIsACommunicationError() {
    String token = tokens.mint("fetchSources", Map.of(), null);
    issuerServer.stop(0);

    assertRefused(sts.answer(request(token)), "IDPCommunicationError", "/.well-known/openid-configuration");
  }

  private LocalSts stsTrustingIssuer() {
    LocalSts local = new LocalSts(ROLE, clock);
    local.trustWebIdentityIssuer(issuer, List.of(AUDIENCE));
    return local;
  }

  private static void assertRefused(LocalSts.Answer answer, String code, String reason) {
    assertThat(answer.status()).as(answer.xml()).isBetween(400, 499);
    assertThat(answer.xml()).contains("<Code>" + code + "</Code>").contains(reason);
  }

  private static Map<String, String> form(String token) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("Action", "AssumeRoleWithWebIdentity");
    form.put("Version", LocalSts.VERSION);
    form.put("RoleArn", ROLE);
    form.put("RoleSessionName", "call-1");
    form.put("WebIdentityToken", token);
    form.put("Policy", SessionPolicy.toJson(SCOPE, Map.of()));
    form.put("DurationSeconds", "900");
    return form;
  }

  private static SignedRequest request(String token) {
    return request(form(token));
  }

  private static SignedRequest request(Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return new SignedRequest("POST", "/sts", "",
        Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
        body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String kid(String token) {
    try {
      return SignedJWT.parse(token).getHeader().getKeyID();
    } catch (java.text.ParseException e) {
      throw new AssertionError(e);
    }
  }

  private static String element(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    assertThat(m.find()).as(name + " in " + xml).isTrue();
    return m.group(1);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json)
      throws java.io.IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
