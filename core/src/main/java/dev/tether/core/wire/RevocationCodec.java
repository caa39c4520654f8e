package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class RevocationCodec implements WireCodec<Revocation> {

  static final RevocationCodec INSTANCE = new RevocationCodec();

  private static final List<String> FIELDS =
      List.of("id", "task_id", "tool", "reason", "revoked_at");

  @Override
  public Class<Revocation> type() {
    return Revocation.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(Revocation r) {
    return JsonObject.builder()
        .put("id", r.id())
        .put("task_id", r.taskId())
        .put("tool", r.tool()) // JSON null: the whole task
        .put("reason", r.reason())
        .put("revoked_at", r.revokedAt().toString())
        .build();
  }

  @Override
  public Revocation read(WireFields f) {
    return new Revocation(
        f.text("id"), f.text("task_id"), f.text("tool"), f.text("reason"),
        f.instant("revoked_at"));
  }
}
