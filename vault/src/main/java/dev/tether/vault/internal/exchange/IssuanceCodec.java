package dev.tether.vault.internal.exchange;

import dev.tether.core.json.JsonArray;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonValue;
import dev.tether.vault.ChainLink;
import dev.tether.vault.Issuance;
import dev.tether.vault.internal.state.JsonRecords;
import dev.tether.vault.internal.state.RecordCodec;
import java.util.ArrayList;
import java.util.List;

/** An {@link Issuance} as stored: the names {@code GET /v1/issuances} answers with. */
final class IssuanceCodec implements RecordCodec<Issuance> {

  @Override
  public String encode(Issuance issuance) {
    List<JsonValue> layers = new ArrayList<>();
    for (ChainLink link : issuance.layers()) {
      layers.add(JsonObject.builder()
          .put("layer", link.layer())
          .put("id", link.id())
          .put("actor", link.actor())
          .put("tools", JsonRecords.strings(link.tools()))
          .put("repos", JsonRecords.strings(link.repos()))
          .put("issued_at", JsonRecords.number(link.issuedAt()))
          .put("expires_at", JsonRecords.number(link.expiresAt()))
          .build());
    }
    return JsonRecords.write(JsonObject.builder()
        .put("issuance_id", issuance.issuanceId())
        .put("access_key_id", issuance.accessKeyId())
        .put("task_id", issuance.taskId())
        .put("user_id", issuance.userId())
        .put("repo", issuance.repo())
        .put("tool", issuance.tool())
        .put("call_id", issuance.callId())
        .put("turn_id", issuance.turnId())
        .put("policy_json", issuance.policyJson())
        .put("session_tags", JsonRecords.stringMap(issuance.sessionTags()))
        .put("source_identity", issuance.sourceIdentity())
        .put("role_session_name", issuance.roleSessionName())
        .put("issued_at", JsonRecords.instant(issuance.issuedAt()))
        .put("expiration", JsonRecords.instant(issuance.expiration()))
        .put("chain", JsonRecords.strings(issuance.chain()))
        .put("delegation", JsonRecords.strings(issuance.delegation()))
        .put("layers", JsonArray.of(layers))
        .build());
  }

  @Override
  public Issuance decode(String text) {
    JsonObject json = JsonRecords.read(text);
    List<ChainLink> layers = new ArrayList<>();
    for (JsonObject link : JsonRecords.objects(json, "layers")) {
      layers.add(new ChainLink(
          JsonRecords.string(link, "layer"),
          JsonRecords.string(link, "id"),
          JsonRecords.string(link, "actor"),
          JsonRecords.strings(link, "tools"),
          JsonRecords.strings(link, "repos"),
          JsonRecords.number(link, "issued_at"),
          JsonRecords.number(link, "expires_at")));
    }
    return new Issuance(
        JsonRecords.string(json, "issuance_id"),
        JsonRecords.string(json, "access_key_id"),
        JsonRecords.string(json, "task_id"),
        JsonRecords.string(json, "user_id"),
        JsonRecords.string(json, "repo"),
        JsonRecords.string(json, "tool"),
        JsonRecords.string(json, "call_id"),
        JsonRecords.string(json, "turn_id"),
        JsonRecords.string(json, "policy_json"),
        JsonRecords.stringMap(json, "session_tags"),
        JsonRecords.string(json, "source_identity"),
        JsonRecords.string(json, "role_session_name"),
        JsonRecords.instant(json, "issued_at"),
        JsonRecords.instant(json, "expiration"),
        JsonRecords.strings(json, "chain"),
        JsonRecords.strings(json, "delegation"),
        layers);
  }
}
