package dev.tether.agent.internal.attest;

import dev.tether.agent.internal.config.AttestationConfig;
import dev.tether.agent.internal.http.DirectHttp;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.Evidence;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads the EC2 instance identity document, signed by AWS, from the instance metadata service with
 * IMDSv2: a session token from {@code PUT /latest/api/token}, then {@code GET
 * /latest/dynamic/instance-identity/rsa2048} (or {@code /pkcs7}). The document carries no nonce:
 * freshness comes from the nonce being issued to, and redeemed with a proof by, the workload key.
 */
public final class Ec2IidAttestor implements Attestor {

  public static final String KIND = AttestationConfig.EC2_IID;
  static final String TOKEN_PATH = "/latest/api/token";
  static final String DOCUMENT_PATH = "/latest/dynamic/instance-identity/";
  static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
  static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";
  static final int CONNECT_TIMEOUT_MILLIS = 1000;
  static final int READ_TIMEOUT_MILLIS = 2000;

  private static final String TOKEN_TTL_SECONDS = "60";

  private final String imds;
  private final String signature;

  /**
   * @param imds the metadata service's base URL, e.g. {@code http://169.254.169.254}
   * @param signature {@code rsa2048} or {@code pkcs7}
   */
  public Ec2IidAttestor(String imds, String signature) {
    this.imds = imds.endsWith("/") ? imds.substring(0, imds.length() - 1) : imds;
    this.signature = signature;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Evidence evidence(String nonce, WorkloadKey key) throws AttestationUnavailable {
    String token = sessionToken();
    DirectHttp.Answer answer =
        call("GET", DOCUMENT_PATH + signature, Map.of(TOKEN_HEADER, token), null);
    if (answer.status() != 200) {
      throw new AttestationUnavailable(
          "the instance metadata service at "
              + imds
              + " refused the instance identity document ("
              + DOCUMENT_PATH
              + signature
              + ", HTTP "
              + answer.status()
              + ")"
              + (answer.status() == 401
                  ? "; it did not accept the session token it issued a moment ago, try again"
                  : "; check attestation.ec2-iid.signature ('rsa2048' or 'pkcs7')"));
    }
    String document = new String(answer.body(), StandardCharsets.US_ASCII);
    if (document.isBlank()) {
      throw new AttestationUnavailable(
          "the instance metadata service at " + imds + " sent an empty instance identity document");
    }
    return new Evidence(KIND, nonce, document);
  }

  /** An IMDSv2 session token, a secret: it appears in no message. */
  private String sessionToken() throws AttestationUnavailable {
    DirectHttp.Answer answer =
        call("PUT", TOKEN_PATH, Map.of(TTL_HEADER, TOKEN_TTL_SECONDS), new byte[0]);
    if (answer.status() != 200 || answer.body().length == 0) {
      throw new AttestationUnavailable(
          "the instance metadata service at "
              + imds
              + " gave no IMDSv2 session token (PUT "
              + TOKEN_PATH
              + ", HTTP "
              + answer.status()
              + "); check that the instance's metadata options have the endpoint enabled"
              + " (aws ec2 modify-instance-metadata-options --http-endpoint enabled)");
    }
    return new String(answer.body(), StandardCharsets.US_ASCII).strip();
  }

  private DirectHttp.Answer call(
      String method, String path, Map<String, String> headers, byte[] body)
      throws AttestationUnavailable {
    try {
      return DirectHttp.exchange(
          URI.create(imds + path),
          method,
          headers,
          body,
          CONNECT_TIMEOUT_MILLIS,
          READ_TIMEOUT_MILLIS);
    } catch (SocketTimeoutException e) {
      throw new AttestationUnavailable(
          "the instance metadata service at "
              + imds
              + " did not answer "
              + method
              + " "
              + path
              + " in time; ec2-iid attestation works only on an EC2 instance, and from a"
              + " container the IMDSv2 answer needs a hop limit of 2 (aws ec2"
              + " modify-instance-metadata-options --http-put-response-hop-limit 2)");
    } catch (IOException | IllegalArgumentException e) {
      throw new AttestationUnavailable(
          "cannot reach the instance metadata service at "
              + imds
              + " ("
              + e.getClass().getSimpleName()
              + "); ec2-iid attestation works only on an EC2 instance with the metadata service"
              + " enabled; elsewhere choose another attestation provider");
    }
  }

  @Override
  public String toString() {
    return "Ec2IidAttestor[imds=" + imds + ", signature=" + signature + "]";
  }
}
