package dev.tether.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The GitHub App through which the Vault issues installation tokens narrowed to a turn's
 * repositories and a tool's permissions. Read from a JSON file ({@code serve --github-app FILE}):
 *
 * <pre>{"app_id": 123456, "private_key_file": "/etc/tether/github-app.pem",
 *  "api": "https://api.github.com", "installations": {"acme": 45678901},
 *  "tools": {"open_pr": {"contents": "write", "pull_requests": "write"}}}</pre>
 *
 * @param installations account (owner) to the App's installation id on it
 * @param toolPermissions tool to the permissions its tokens get (GitHub's names and levels)
 */
public record GitHubApp(
    long appId,
    PrivateKey privateKey,
    URI api,
    Map<String, Long> installations,
    Map<String, Map<String, String>> toolPermissions) {

  static final Set<String> LEVELS = Set.of("read", "write");

  public GitHubApp {
    if (appId <= 0) {
      throw new IllegalArgumentException("app_id must be the GitHub App's numeric id");
    }
    if (privateKey == null || !"RSA".equals(privateKey.getAlgorithm())) {
      throw new IllegalArgumentException("the GitHub App key must be its RSA private key");
    }
    if (api == null || !("https".equals(api.getScheme()) || "http".equals(api.getScheme()))) {
      throw new IllegalArgumentException("api must be an http(s) URL, e.g. https://api.github.com");
    }
    installations = Collections.unmodifiableMap(new LinkedHashMap<>(installations));
    Map<String, Map<String, String>> tools = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> tool : toolPermissions.entrySet()) {
      for (Map.Entry<String, String> permission : tool.getValue().entrySet()) {
        if (!permission.getKey().matches("[a-z_]{1,64}") || !LEVELS.contains(permission.getValue())) {
          throw new IllegalArgumentException("tool " + tool.getKey() + ": permission '"
              + permission.getKey() + "' with level '" + permission.getValue() + "' is not one"
              + " GitHub knows; write e.g. \"contents\": \"read\" (levels: read, write)");
        }
      }
      tools.put(tool.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(tool.getValue())));
    }
    toolPermissions = Collections.unmodifiableMap(tools);
  }

  /**
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static GitHubApp read(Path file) {
    try {
      JsonNode json = new ObjectMapper().readTree(Files.readAllBytes(file));
      long appId = json.path("app_id").asLong(0);
      Path keyFile = file.resolveSibling(json.path("private_key_file").asText(""));
      PrivateKey key = privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
      URI api = URI.create(json.path("api").asText("https://api.github.com"));
      Map<String, Long> installations = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = json.path("installations").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        installations.put(entry.getKey(), entry.getValue().asLong());
      }
      Map<String, Map<String, String>> tools = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = json.path("tools").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> tool = it.next();
        Map<String, String> permissions = new LinkedHashMap<>();
        tool.getValue().fields().forEachRemaining(p -> permissions.put(p.getKey(), p.getValue().asText()));
        tools.put(tool.getKey(), permissions);
      }
      return new GitHubApp(appId, key, api, installations, tools);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("GitHub App file " + file + ": " + e.getMessage());
    }
  }

  /** An RSA private key in PEM, PKCS#1 (as GitHub hands it out) or PKCS#8. */
  public static PrivateKey privateKey(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IOException("the key file holds no RSA private key in PEM");
    }
  }

  @Override
  public String toString() {
    return "GitHubApp[appId=" + appId + ", api=" + api + ", installations=" + installations
        + ", tools=" + toolPermissions.keySet() + ", privateKey=<redacted>]";
  }
}
