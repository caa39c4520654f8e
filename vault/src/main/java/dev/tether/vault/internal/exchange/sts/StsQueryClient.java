package dev.tether.vault.internal.exchange.sts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Calls one STS query-API action and returns the session it issued: the form body signed with
 * SigV4 (or sent unsigned, for {@code AssumeRoleWithWebIdentity}), posted over a kept-alive
 * connection, the XML answer read. A failure that a second attempt may not meet (a connection
 * refused or reset, STS's 5xx, throttling) is tried again, at most {@value #MAX_ATTEMPTS} attempts
 * in all with jittered backoff, as the AWS SDK's standard retry mode does; a timeout is not: the
 * caller is waiting.
 */
public final class StsQueryClient implements AutoCloseable {

  static final int MAX_ATTEMPTS = 3;
  private static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

  private final StsEndpoint endpoint;
  private final StsTransport transport;
  private final SigV4Signer signer;
  private final Clock clock;
  private final Duration backoffBase;

  /** Connect timeout 5 s, socket (read) timeout 30 s. */
  public StsQueryClient(StsEndpoint endpoint) {
    this(endpoint, Duration.ofSeconds(5), Duration.ofSeconds(30), Clock.systemUTC());
  }

  /**
   * A client of an STS in this process: signed requests are handed to {@code sts} as they would be
   * sent to {@code endpoint}, with no connection.
   */
  public static StsQueryClient inProcess(StsEndpoint endpoint, InProcessSts sts) {
    return new StsQueryClient(
        endpoint, new InProcessStsTransport(sts), Clock.systemUTC(), Duration.ofMillis(100));
  }

  StsQueryClient(
      StsEndpoint endpoint, Duration connectTimeout, Duration socketTimeout, Clock clock) {
    this(endpoint, new ApacheStsTransport(connectTimeout, socketTimeout), clock,
        Duration.ofMillis(100));
  }

  StsQueryClient(
      StsEndpoint endpoint, StsTransport transport, Clock clock, Duration backoffBase) {
    this.endpoint = endpoint;
    this.transport = transport;
    this.signer = new SigV4Signer(endpoint.region(), "sts");
    this.clock = clock;
    this.backoffBase = backoffBase;
  }

  public StsEndpoint endpoint() {
    return endpoint;
  }

  /**
   * @param action {@code AssumeRole} or {@code AssumeRoleWithWebIdentity}: names the answer's
   *     elements
   * @param form the form body ({@link StsForms})
   * @param credentials the key to sign with, or {@code null} to send the request unsigned
   * @throws StsRefusedException STS's error answer
   * @throws StsUnavailableException no usable answer
   */
  public SessionCredentials call(String action, String form, SigningCredentials credentials)
      throws StsRefusedException, StsUnavailableException {
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    for (int attempt = 1; ; attempt++) {
      StsTransport.Answer answer;
      try {
        answer = transport.post(endpoint, headers(body, credentials), body);
      } catch (StsUnavailableException e) {
        if (attempt < MAX_ATTEMPTS && retryable(e)) {
          pause(attempt, false);
          continue;
        }
        throw e;
      }
      if (answer.status() / 100 == 2) {
        return StsAnswers.credentials(action, answer.body());
      }
      StsRefusedException refusal = StsAnswers.refusal(answer.status(), answer.body());
      if (attempt < MAX_ATTEMPTS && (answer.status() >= 500 || throttled(refusal))) {
        pause(attempt, throttled(refusal));
        continue;
      }
      throw refusal;
    }
  }

  // Signed anew for each attempt: X-Amz-Date must be current.
  private Map<String, String> headers(byte[] body, SigningCredentials credentials) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    if (credentials == null) {
      return headers;
    }
    Map<String, String> signed = new LinkedHashMap<>(headers);
    signed.put("Host", endpoint.hostHeader());
    SigV4Signer.SignedHeaders signature =
        signer.sign("POST", endpoint.rawPath(), signed, body, credentials, clock.instant(), true);
    headers.put("X-Amz-Date", signature.amzDate());
    headers.put("X-Amz-Content-Sha256", signature.contentSha256());
    if (signature.securityToken() != null) {
      headers.put("X-Amz-Security-Token", signature.securityToken());
    }
    headers.put("Authorization", signature.authorization());
    return headers;
  }

  // Only failures where the request cannot have been half-handled for long: a refused or reset
  // connection (a kept-alive one STS had closed, say). A timeout has used the caller's patience.
  private static boolean retryable(StsUnavailableException e) {
    return e.reason() == StsUnavailableException.Reason.UNREACHABLE;
  }

  private static boolean throttled(StsRefusedException refusal) {
    String code = refusal.code();
    return refusal.status() == 429
        || "Throttling".equals(code)
        || "ThrottlingException".equals(code)
        || "RequestLimitExceeded".equals(code)
        || "TooManyRequestsException".equals(code)
        || "IDPCommunicationError".equals(code);
  }

  // Full jitter: up to base * 2^(attempt-1); throttling waits five times longer, as the SDK does.
  private void pause(int attempt, boolean throttling) throws StsUnavailableException {
    long ceiling = backoffBase.toMillis() * (throttling ? 5 : 1) << (attempt - 1);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StsUnavailableException(
          StsUnavailableException.Reason.UNREACHABLE, "interrupted before retrying STS", e);
    }
  }

  @Override
  public void close() {
    transport.close();
  }
}
