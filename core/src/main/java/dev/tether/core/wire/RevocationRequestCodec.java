package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class RevocationRequestCodec implements WireCodec<RevocationRequest> {

  private static final List<String> FIELDS = List.of("task_id", "tool", "reason");

  @Override
  public Class<RevocationRequest> type() {
    return RevocationRequest.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(RevocationRequest r) {
    return JsonObject.builder()
        .put("task_id", r.taskId())
        .put("tool", r.tool())
        .put("reason", r.reason())
        .build();
  }

  @Override
  public RevocationRequest read(WireFields f) {
    return new RevocationRequest(f.text("task_id"), f.text("tool"), f.text("reason"));
  }
}
