package dev.tether.core.wire;

import dev.tether.core.json.JsonArray;
import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import java.util.List;

final class GrantRequestCodec implements WireCodec<GrantRequest> {

  private static final List<String> FIELDS =
      List.of("task_id", "user_id", "repos", "tools", "lifetime_seconds");

  @Override
  public Class<GrantRequest> type() {
    return GrantRequest.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(GrantRequest r) {
    return JsonObject.builder()
        .put("task_id", r.taskId())
        .put("user_id", r.userId())
        .put("repos", JsonArray.ofStrings(r.repos()))
        .put("tools", JsonArray.ofStrings(r.tools()))
        .put("lifetime_seconds", JsonNumber.of(r.lifetimeSeconds()))
        .build();
  }

  @Override
  public GrantRequest read(WireFields f) {
    return new GrantRequest(
        f.text("task_id"),
        f.text("user_id"),
        f.strings("repos"),
        f.strings("tools"),
        f.integer("lifetime_seconds"));
  }
}
