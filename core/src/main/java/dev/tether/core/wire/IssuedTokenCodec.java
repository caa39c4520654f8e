package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class IssuedTokenCodec implements WireCodec<IssuedToken> {

  private static final List<String> FIELDS =
      List.of(
          "token", "token_id", "task_id", "expires_at", "binding", "proof_key_id", "proof_key");

  @Override
  public Class<IssuedToken> type() {
    return IssuedToken.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(IssuedToken r) {
    JsonObject.Builder json = JsonObject.builder()
        .put("token", r.token())
        .put("token_id", r.tokenId())
        .put("task_id", r.taskId())
        .put("expires_at", r.expiresAt().toString());
    if (r.binding() != null) {
      json.put("binding", BindingCodec.INSTANCE.write(r.binding()));
    }
    if (r.proofKey() != null) {
      json.put("proof_key_id", r.proofKeyId()).put("proof_key", r.proofKey());
    }
    return json.build();
  }

  @Override
  public IssuedToken read(WireFields f) {
    return new IssuedToken(
        f.text("token"), f.text("token_id"), f.text("task_id"), f.instant("expires_at"),
        f.nested("binding", BindingCodec.INSTANCE), f.text("proof_key_id"), f.text("proof_key"));
  }
}
