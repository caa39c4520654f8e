package dev.tether.demo.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.tether.demo.agent.CallRecord;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.vault.ChainLink;
import dev.tether.vault.Issuance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report as JSON, for tools and tests: {@code task}, {@code agentAttached}, {@code calls},
 * {@code issuances}, {@code serverRequests}, {@code matched}, {@code expectedCount}. It holds
 * identifiers (access key ids, issuance and call ids) and never a secret; issuances carry no secret
 * to begin with.
 */
public final class JsonReport {

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

  private JsonReport() {}

  public static String toJson(DemoReport report) {
    return GSON.toJson(toTree(report)) + "\n";
  }

  static JsonObject toTree(DemoReport report) {
    JsonObject root = new JsonObject();
    JsonObject task = new JsonObject();
    task.addProperty("id", report.task().taskId());
    task.addProperty("user", report.task().userId());
    task.addProperty("repo", report.task().repo());
    root.add("task", task);
    root.addProperty("agentAttached", report.agentAttached());
    root.addProperty("platformAccessKeyId", report.platformAccessKeyId());

    JsonArray calls = new JsonArray();
    for (CallVerdict verdict : report.calls()) {
      calls.add(call(verdict, report.turnTitles()));
    }
    root.add("calls", calls);

    JsonArray issuances = new JsonArray();
    for (Issuance issuance : report.issuances()) {
      issuances.add(issuance(issuance));
    }
    root.add("issuances", issuances);

    JsonArray requests = new JsonArray();
    for (ReceivedRequest request : report.serverRequests()) {
      requests.add(request(request));
    }
    root.add("serverRequests", requests);
    root.addProperty("matched", report.matched());
    root.addProperty("expectedCount", report.expectedCount());
    return root;
  }

  private static JsonObject call(CallVerdict verdict, List<String> turnTitles) {
    CallRecord call = verdict.call();
    JsonObject json = new JsonObject();
    json.addProperty("turn", call.turn());
    json.addProperty(
        "turnTitle",
        call.turn() >= 1 && call.turn() <= turnTitles.size()
            ? turnTitles.get(call.turn() - 1)
            : null);
    json.addProperty("tool", call.tool());
    json.addProperty("description", call.description());
    json.addProperty("operation", call.operation());
    json.addProperty("bucket", call.bucket());
    json.addProperty("key", call.key());
    json.addProperty("expected", call.expected().name());
    json.addProperty("outcome", call.outcome().name());
    json.addProperty("detail", call.detail());
    json.addProperty("verdict", verdict.verdict().name());
    json.addProperty("reason", verdict.reason());
    JsonArray keys = new JsonArray();
    verdict.received().stream()
        .map(ReceivedRequest::accessKeyId)
        .distinct()
        .forEach(key -> keys.add(key == null ? JsonNull.INSTANCE : new JsonPrimitive(key)));
    json.add("serverAccessKeyIds", keys);
    JsonArray issuanceIds = new JsonArray();
    verdict.issuances().forEach(i -> issuanceIds.add(i.issuanceId()));
    json.add("issuanceIds", issuanceIds);
    return json;
  }

  private static JsonObject issuance(Issuance issuance) {
    JsonObject json = new JsonObject();
    json.addProperty("issuanceId", issuance.issuanceId());
    json.addProperty("accessKeyId", issuance.accessKeyId());
    json.addProperty("taskId", issuance.taskId());
    json.addProperty("userId", issuance.userId());
    json.addProperty("repo", issuance.repo());
    json.addProperty("tool", issuance.tool());
    json.addProperty("callId", issuance.callId());
    json.addProperty("turnId", issuance.turnId());
    json.add("policy", policy(issuance.policyJson()));
    JsonObject tags = new JsonObject();
    for (Map.Entry<String, String> tag : new TreeMap<>(issuance.sessionTags()).entrySet()) {
      tags.addProperty(tag.getKey(), tag.getValue());
    }
    json.add("sessionTags", tags);
    json.addProperty("sourceIdentity", issuance.sourceIdentity());
    json.addProperty("roleSessionName", issuance.roleSessionName());
    json.addProperty("issuedAt", text(issuance.issuedAt()));
    json.addProperty("expiration", text(issuance.expiration()));
    JsonArray delegation = new JsonArray();
    issuance.delegation().forEach(delegation::add);
    json.add("delegation", delegation);
    JsonArray layers = new JsonArray();
    for (ChainLink link : issuance.layers()) {
      JsonObject layer = new JsonObject();
      layer.addProperty("layer", link.layer());
      layer.addProperty("id", link.id());
      layer.addProperty("actor", link.actor());
      JsonArray tools = new JsonArray();
      link.tools().forEach(tools::add);
      layer.add("tools", tools);
      JsonArray repos = new JsonArray();
      link.repos().forEach(repos::add);
      layer.add("repos", repos);
      layer.addProperty("issuedAt", link.issuedAt());
      layer.addProperty("expiresAt", link.expiresAt());
      layers.add(layer);
    }
    json.add("layers", layers);
    return json;
  }

  private static JsonObject request(ReceivedRequest request) {
    JsonObject json = new JsonObject();
    json.addProperty("accessKeyId", request.accessKeyId());
    json.addProperty("bucket", request.bucket());
    json.addProperty("key", request.key());
    json.addProperty("at", text(request.at()));
    json.addProperty("accepted", request.accepted());
    return json;
  }

  /** The session policy as JSON when it parses, else as the string the Vault recorded. */
  private static JsonElement policy(String policyJson) {
    if (policyJson == null) {
      return JsonNull.INSTANCE;
    }
    try {
      return JsonParser.parseString(policyJson);
    } catch (JsonParseException e) {
      return new JsonPrimitive(policyJson);
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
