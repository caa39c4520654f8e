package dev.tether.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.token.Attenuation;
import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.ToolRights;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.WireHttp;
import dev.tether.core.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token flow as its real parties run it against a started Vault: the orchestrator mints a
 * grant over HTTP, the agent redeems it at {@code /v1/tasks}, derives turn and tool-call layers
 * offline with {@link Attenuation}, and exchanges the tool-call token at {@code
 * /v1/aws/credentials}. Also forges tokens the way an attacker holding a tag could, with the
 * public format only.
 */
final class TokenFlow {

  static final String AGENT = "runtime-1";
  static final String TASK = "task-42";
  static final String USER = "alice@example.com";
  static final String REPO = "github.com/acme/app";

  static final AwsScope READ_WRITE =
      new AwsScope(
          List.of("s3:GetObject", "s3:PutObject"), List.of("arn:aws:s3:::work/${task.id}/*"));
  static final AwsScope LIST_BUCKET =
      new AwsScope(List.of("s3:ListBucket"), List.of("arn:aws:s3:::work"));

  /** The test catalogue: read_file, search.files, list_bucket, noop (no AWS), huge_policy. */
  static final ToolCatalogue CATALOGUE = catalogue();

  private static final int TIMEOUT_MILLIS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

  private final TetherVault vault;
  private final VaultHttp http;

  TokenFlow(TetherVault vault) {
    this.vault = vault;
    this.http = new VaultHttp(vault.url());
  }

  /** Local mode, ephemeral loopback port, generated tokens, the test catalogue. */
  static VaultSettings settings() {
    return VaultSettings.localDefaults().withTools(CATALOGUE).withAttestation(TestLauncher.policy());
  }

  private static ToolCatalogue catalogue() {
    List<String> manyResources = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      manyResources.add(
          "arn:aws:s3:::a-rather-long-bucket-name-for-tests/prefix-number-" + i + "/*");
    }
    Map<String, AwsScope> tools = new LinkedHashMap<>();
    tools.put("read_file", READ_WRITE);
    tools.put("search.files", READ_WRITE);
    tools.put("list_bucket", LIST_BUCKET);
    tools.put("noop", AwsScope.none());
    tools.put("huge_policy", new AwsScope(List.of("s3:GetObject"), manyResources));
    return ToolCatalogue.of(tools);
  }

  // --- the orchestrator and the agent, over HTTP ---

  IssuedToken grant(GrantRequest request) throws WireHttp.Failure {
    return new OrchestratorClient(vault.url(), vault.orchestratorToken(), TIMEOUT_MILLIS)
        .grant(request);
  }

  IssuedToken grant(String task, String user, List<String> repos, String... tools)
      throws WireHttp.Failure {
    return grant(new GrantRequest(task, user, repos, List.of(tools), 0));
  }

  IssuedToken redeem(String grant) throws WireHttp.Failure {
    return WireHttp.post(
        vault.url(),
        "/v1/tasks",
        vault.agentToken(),
        TIMEOUT_MILLIS,
        new RedeemRequest(grant, AGENT, TestLauncher.evidence(vault.url(), vault.agentToken())),
        IssuedToken.class,
        url -> WorkloadProofs.proof(url, grant));
  }

  /** A task token for {@link #TASK}, {@link #USER} and {@link #REPO} with these tools. */
  LayeredToken task(String... tools) throws WireHttp.Failure {
    return task(TASK, USER, List.of(REPO), tools);
  }

  LayeredToken task(String task, String user, List<String> repos, String... tools)
      throws WireHttp.Failure {
    return LayeredToken.parse(redeem(grant(task, user, repos, tools).token()).token());
  }

  HttpResponse<String> exchange(LayeredToken toolCall, int durationSeconds) {
    return exchange(toolCall.encode(), durationSeconds);
  }

  HttpResponse<String> exchange(String token, int durationSeconds) {
    return http.postCredentials(
        vault.agentToken(), new AwsCredentialsRequest(token, durationSeconds));
  }

  static AwsCredentialsResponse credentials(HttpResponse<String> response) {
    return WireJson.read(
        response.body().getBytes(StandardCharsets.UTF_8), AwsCredentialsResponse.class);
  }

  // --- the agent's offline derivation ---

  /** A turn of up to 10 minutes with these tools of the parent, inherited as they are. */
  static LayeredToken turn(LayeredToken task, String turnId, String... tools) throws ChainRefusal {
    TokenLayer parent = task.last();
    Map<String, ToolRights> rights = new LinkedHashMap<>();
    for (String tool : tools) {
      rights.put(tool, ToolRights.inherited());
    }
    long at = parent.issuedAt();
    return Attenuation.derive(
        task,
        new TokenLayer(
            LayerKind.TURN, turnId, parent.id(), null, null, null, null, "turn:" + turnId, at,
            Math.min(parent.expiresAt(), at + 600), parent.repos(), rights));
  }

  /** A tool call of up to 60 s for {@code tool}, its scope inherited. */
  static LayeredToken toolCall(LayeredToken parent, String tool, String callId)
      throws ChainRefusal {
    long at = parent.last().issuedAt();
    return toolCall(
        parent, tool, callId, ToolRights.inherited(), at,
        Math.min(parent.last().expiresAt(), at + 60));
  }

  static LayeredToken toolCall(
      LayeredToken parent, String tool, String callId, ToolRights rights, long issuedAt,
      long expiresAt) throws ChainRefusal {
    return Attenuation.derive(parent, toolLayer(parent, tool, callId, rights, issuedAt, expiresAt));
  }

  static TokenLayer toolLayer(
      LayeredToken parent, String tool, String callId, ToolRights rights, long issuedAt,
      long expiresAt) {
    return new TokenLayer(
        LayerKind.TOOL, callId, parent.last().id(), null, null, null, null, "tool:" + tool,
        issuedAt, expiresAt, parent.last().repos(), Map.of(tool, rights));
  }

  // --- what an attacker can do with the public format ---

  /**
   * The parent's text with one more layer, MACed as the agent would (the child's tag is the
   * HMAC-SHA256 of the child's JSON under the parent's tag), but with no check at all: how a
   * holder of the parent's tag makes a layer {@link Attenuation} refuses to make.
   */
  static String forge(LayeredToken parent, ObjectNode childLayer) {
    String text = parent.encode();
    int lastDot = text.lastIndexOf('.');
    byte[] parentTag = BASE64URL_DECODER.decode(text.substring(lastDot + 1));
    byte[] json = bytes(childLayer);
    return text.substring(0, lastDot + 1) + BASE64URL.encodeToString(json) + "."
        + BASE64URL.encodeToString(hmacSha256(parentTag, json));
  }

  /** A tool-call layer's JSON, as written by hand: any field may then be changed. */
  static ObjectNode toolLayerJson(LayeredToken parent, String tool, String callId) {
    TokenLayer last = parent.last();
    ObjectNode layer = JSON.createObjectNode();
    layer.put("typ", "tool").put("jti", callId).put("par", last.id()).put("act", "tool:" + tool)
        .put("iat", last.issuedAt()).put("exp", Math.min(last.expiresAt(), last.issuedAt() + 60));
    last.repos().forEach(layer.putArray("repos")::add);
    layer.putObject("tools").putObject(tool);
    return layer;
  }

  /** The token's layers as JSON objects, grant first. */
  static List<ObjectNode> layers(String token) {
    String[] parts = parts(token);
    List<ObjectNode> layers = new ArrayList<>();
    for (int i = 0; i < parts.length - 1; i++) {
      try {
        layers.add((ObjectNode) JSON.readTree(BASE64URL_DECODER.decode(parts[i])));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return layers;
  }

  /** The token's text with layer {@code index} replaced and the tag kept. */
  static String replaceLayer(String token, int index, ObjectNode layer) {
    String[] parts = parts(token);
    parts[index] = BASE64URL.encodeToString(bytes(layer));
    return LayeredToken.PREFIX + String.join(".", parts);
  }

  /** The token's text with two layers swapped and the tag kept. */
  static String swapLayers(String token, int first, int second) {
    String[] parts = parts(token);
    String kept = parts[first];
    parts[first] = parts[second];
    parts[second] = kept;
    return LayeredToken.PREFIX + String.join(".", parts);
  }

  /** The token's text without layer {@code index}, the tag kept. */
  static String dropLayer(String token, int index) {
    List<String> parts = new ArrayList<>(List.of(parts(token)));
    parts.remove(index);
    return LayeredToken.PREFIX + String.join(".", parts);
  }

  private static String[] parts(String token) {
    return token.substring(LayeredToken.PREFIX.length()).split("\\.");
  }

  private static byte[] bytes(ObjectNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] hmacSha256(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
