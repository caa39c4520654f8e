package dev.tether.agent.internal.attest;

import dev.tether.agent.internal.config.AttestationConfig;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.Evidence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Presents the AgentCore workload access token the runtime hands the workload. The token is opaque
 * to the Vault (AWS publishes no way to verify it), so this is the weakest evidence short of none,
 * and the Vault takes it only when told to. Read at every attestation, since the runtime may
 * replace it; a file, when configured, wins over the variable.
 */
public final class AgentCoreTokenAttestor implements Attestor {

  public static final String KIND = AttestationConfig.AGENTCORE;
  static final int MAX_TOKEN_CHARS = 8192;

  private final String tokenEnv;
  private final String tokenFile;
  private final Map<String, String> environment;

  public AgentCoreTokenAttestor(AttestationConfig.AgentCore config) {
    this(config, System.getenv());
  }

  AgentCoreTokenAttestor(AttestationConfig.AgentCore config, Map<String, String> environment) {
    this.tokenEnv = config.tokenEnv();
    this.tokenFile = config.tokenFile();
    this.environment = environment;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Evidence evidence(String nonce, WorkloadKey key) throws AttestationUnavailable {
    String where;
    String token;
    if (tokenFile != null) {
      where = "the file " + tokenFile;
      token = readFile();
    } else {
      where = "the environment variable " + tokenEnv;
      token = environment.get(tokenEnv);
      if (token == null || token.isBlank()) {
        throw new AttestationUnavailable(
            "no AgentCore workload access token: "
                + tokenEnv
                + " is not set; run the agent inside an AgentCore Runtime, which sets it, or name"
                + " the variable or file that holds it with attestation.agentcore.token-env or"
                + " token-file");
      }
    }
    return new Evidence(KIND, nonce, checked(token.strip(), where));
  }

  private String readFile() throws AttestationUnavailable {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(Path.of(tokenFile))) {
      bytes = in.readNBytes(MAX_TOKEN_CHARS * 2 + 1);
    } catch (NoSuchFileException e) {
      throw new AttestationUnavailable(
          "no AgentCore workload access token: the file "
              + tokenFile
              + " does not exist; check attestation.agentcore.token-file, or remove it to read "
              + tokenEnv);
    } catch (IOException | RuntimeException e) {
      throw new AttestationUnavailable(
          "cannot read the AgentCore workload access token file "
              + tokenFile
              + " ("
              + e.getClass().getSimpleName()
              + "); check attestation.agentcore.token-file and the file's permissions");
    }
    String token = new String(bytes, StandardCharsets.UTF_8);
    if (token.isBlank()) {
      throw new AttestationUnavailable(
          "no AgentCore workload access token: the file "
              + tokenFile
              + " is empty; the runtime writes the token there, check that it ran first");
    }
    return token;
  }

  /** The token if well-formed; the message names where it came from, never the token. */
  private static String checked(String token, String where) throws AttestationUnavailable {
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new AttestationUnavailable(
          "the AgentCore workload access token in "
              + where
              + " is longer than "
              + MAX_TOKEN_CHARS
              + " characters; it must hold one token");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= 0x20 || c > 0x7e) { // as the Vault: no spaces either
        throw new AttestationUnavailable(
            "the AgentCore workload access token in "
                + where
                + " has a character that is not printable ASCII (or is a space) at index "
                + i
                + "; it must hold the token alone, on one line");
      }
    }
    return token;
  }

  @Override
  public String toString() {
    return "AgentCoreTokenAttestor["
        + (tokenFile != null ? "file=" + tokenFile : "env=" + tokenEnv)
        + ", token=<redacted>]";
  }
}
