package dev.tether.vault.internal.load;

import dev.tether.core.wire.ApiToken;
import dev.tether.core.wire.ApiTokenRequest;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.WireJson;
import java.util.Locale;

/** What each exchange of a load run asks the Vault for, with a tool-call token and a proof. */
public enum ExchangeKind {

  /**
   * {@code POST /v1/api-tokens}: the Vault's own work alone (chain, proof, revocation and binding
   * checks, a single-use token minted into the store).
   */
  API_TOKEN("api-token", "/v1/api-tokens", ApiToken.class),

  /**
   * {@code POST /v1/aws/credentials}: the same checks, then an STS {@code AssumeRole} per exchange
   * (in local mode the Vault's own SDK call to its local STS, over loopback).
   */
  AWS("aws", "/v1/aws/credentials", AwsCredentialsResponse.class);

  /** The API the single-use tokens are for: any host name does. */
  static final String AUDIENCE = "api.load.example";

  private final String wireName;
  private final String path;
  private final Class<?> answer;

  ExchangeKind(String wireName, String path, Class<?> answer) {
    this.wireName = wireName;
    this.path = path;
    this.answer = answer;
  }

  /** {@code api-token} or {@code aws}. */
  public String wireName() {
    return wireName;
  }

  /** The endpoint's path. */
  public String path() {
    return path;
  }

  /**
   * @throws IllegalArgumentException naming the kinds there are
   */
  public static ExchangeKind parse(String text) {
    for (ExchangeKind kind : values()) {
      if (kind.wireName.equals(text.strip().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "--kind must be api-token (POST /v1/api-tokens) or aws (POST /v1/aws/credentials), not '"
            + text + "'");
  }

  /** The request body presenting {@code toolCallToken}. */
  byte[] body(String toolCallToken) {
    return this == API_TOKEN
        ? WireJson.write(new ApiTokenRequest(toolCallToken, AUDIENCE))
        : WireJson.write(new AwsCredentialsRequest(toolCallToken, 0));
  }

  /**
   * Reads a 200 answer as its wire record, strictly.
   *
   * @throws RuntimeException if it is not one
   */
  void checkAnswer(byte[] body) {
    WireJson.read(body, answer);
  }
}
