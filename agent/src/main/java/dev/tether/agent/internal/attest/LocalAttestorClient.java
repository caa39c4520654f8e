package dev.tether.agent.internal.attest;

import dev.tether.agent.internal.config.AttestationConfig;
import dev.tether.agent.internal.http.DirectHttp;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReadException;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonValue;
import dev.tether.core.json.JsonWriter;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.Evidence;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Asks the launcher's local attestor ({@code tether-agent.jar launch}) for evidence: {@code POST
 * <attestor>/v1/evidence} with the launch ticket, the nonce and the key thumbprint; the answer is a
 * statement the launcher signed ({@code tla1...}). Development-strength evidence: it proves only
 * that a launcher the Vault trusts started this process.
 */
public final class LocalAttestorClient implements Attestor {

  public static final String KIND = AttestationConfig.LOCAL;
  public static final String TICKET_ENV = "TETHER_LOCAL_ATTESTOR_TICKET";
  public static final String TICKET_PROPERTY = "tether.local.attestor.ticket";
  static final String PATH = "/v1/evidence";
  static final int TIMEOUT_MILLIS = 2000;

  private static final String EVIDENCE_PREFIX = "tla1.";
  private static final int MAX_MESSAGE = 300;
  private static final String HOW_TO_START =
      "start the workload through 'java -jar tether-agent.jar launch -- COMMAND...', which runs"
          + " the local attestor and sets "
          + AttestationConfig.Local.URL_ENV
          + " and "
          + TICKET_ENV
          + " for it, or set those variables (or -D"
          + AttestationConfig.Local.URL_PROPERTY
          + " and -D"
          + TICKET_PROPERTY
          + ")";

  private final String attestor;
  private final String ticket;

  /**
   * @param attestor the attestor's base URL, or null when none is known
   * @param ticket the launch ticket, a secret; or null when none was handed over
   */
  public LocalAttestorClient(String attestor, String ticket) {
    String base = blankToNull(attestor);
    this.attestor =
        base != null && base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.ticket = blankToNull(ticket);
  }

  /**
   * The attestor from the configuration, else {@code TETHER_LOCAL_ATTESTOR}, else {@code
   * -Dtether.local.attestor}; the ticket from {@code TETHER_LOCAL_ATTESTOR_TICKET}, else {@code
   * -Dtether.local.attestor.ticket}, read now and kept for re-attestation.
   */
  public static LocalAttestorClient fromEnvironment(AttestationConfig.Local config) {
    return fromEnvironment(config, System.getenv(), System.getProperties());
  }

  static LocalAttestorClient fromEnvironment(
      AttestationConfig.Local config, Map<String, String> env, Properties properties) {
    String attestor = config.attestor();
    if (blankToNull(attestor) == null) {
      attestor =
          first(
              env.get(AttestationConfig.Local.URL_ENV),
              properties.getProperty(AttestationConfig.Local.URL_PROPERTY));
    }
    String ticket = first(env.get(TICKET_ENV), properties.getProperty(TICKET_PROPERTY));
    return new LocalAttestorClient(attestor, ticket);
  }

  /** Whether both the attestor and the ticket are known. */
  boolean isComplete() {
    return attestor != null && ticket != null;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Evidence evidence(String nonce, WorkloadKey key) throws AttestationUnavailable {
    if (attestor == null) {
      throw new AttestationUnavailable(
          "no local attestor to ask for evidence: "
              + AttestationConfig.Local.URL_ENV
              + " is not set; "
              + HOW_TO_START);
    }
    URI uri = endpoint(); // before any message quotes the address: it must hold no password
    if (ticket == null) {
      throw new AttestationUnavailable(
          "no launch ticket for the local attestor at "
              + attestor
              + ": "
              + TICKET_ENV
              + " is not set; "
              + HOW_TO_START);
    }
    byte[] body =
        JsonWriter.writeUtf8(
            JsonObject.builder()
                .put("ticket", ticket)
                .put("nonce", nonce)
                .put("jkt", key.thumbprint())
                .build());
    DirectHttp.Answer answer;
    try {
      answer =
          DirectHttp.exchange(
              uri,
              "POST",
              Map.of("Content-Type", "application/json"),
              body,
              TIMEOUT_MILLIS,
              TIMEOUT_MILLIS);
    } catch (SocketTimeoutException e) {
      throw new AttestationUnavailable(
          "the local attestor at "
              + attestor
              + " did not answer within "
              + TIMEOUT_MILLIS
              + " ms; check that the launcher that started this process is still running");
    } catch (IOException e) {
      throw new AttestationUnavailable(
          "cannot reach the local attestor at "
              + attestor
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + Printable.clip(String.valueOf(e.getMessage()), MAX_MESSAGE)
              + "); check that the launcher that started this process is still running, or "
              + HOW_TO_START);
    }
    JsonObject json = object(answer.body());
    if (answer.status() != 200) {
      throw new AttestationUnavailable(refusal(answer.status(), json));
    }
    JsonValue evidence = json == null ? null : json.get("evidence");
    if (!(evidence instanceof JsonString)
        || !((JsonString) evidence).value().startsWith(EVIDENCE_PREFIX)) {
      throw new AttestationUnavailable(
          "the local attestor at "
              + attestor
              + " answered 200 without {\"evidence\": \"tla1...\"}; is "
              + AttestationConfig.Local.URL_ENV
              + " the address the launcher printed?");
    }
    return new Evidence(KIND, nonce, ((JsonString) evidence).value());
  }

  private URI endpoint() throws AttestationUnavailable {
    String base = attestor;
    String lower = base.toLowerCase(Locale.ROOT);
    try {
      if (lower.startsWith("http://") || lower.startsWith("https://")) {
        URI uri = new URI(base + PATH);
        if (uri.getHost() != null && !base.contains("@")) {
          return uri;
        }
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new AttestationUnavailable(
        "the local attestor address is not an http(s) URL with a host (and no user name);"
            + " set "
            + AttestationConfig.Local.URL_ENV
            + " or attestation.local.attestor to e.g. http://127.0.0.1:9750");
  }

  private String refusal(int status, JsonObject json) {
    String error = text(json, "error");
    String message = text(json, "message");
    return "the local attestor at "
        + attestor
        + " refused to vouch for this workload (HTTP "
        + status
        + (error != null ? ", " + Printable.clip(error, 64) : "")
        + ")"
        + (message != null ? ": " + Printable.clip(message, MAX_MESSAGE) : "");
  }

  private static JsonObject object(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      JsonValue value = JsonReader.parse(body, 4, DirectHttp.MAX_ANSWER_BYTES);
      return value instanceof JsonObject ? (JsonObject) value : null;
    } catch (JsonReadException e) {
      return null;
    }
  }

  private static String text(JsonObject json, String name) {
    JsonValue value = json == null ? null : json.get(name);
    return value instanceof JsonString ? ((JsonString) value).value() : null;
  }

  private static String first(String a, String b) {
    return blankToNull(a) != null ? a.strip() : blankToNull(b);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @Override
  public String toString() {
    return "LocalAttestorClient[attestor="
        + (attestor != null && attestor.contains("@") ? "<not a valid address>" : attestor)
        + ", ticket="
        + (ticket == null ? "none" : "<redacted>")
        + "]";
  }
}
