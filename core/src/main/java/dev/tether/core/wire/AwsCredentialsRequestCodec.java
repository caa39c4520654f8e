package dev.tether.core.wire;

import dev.tether.core.json.JsonArray;
import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import java.util.List;

final class AwsCredentialsRequestCodec implements WireCodec<AwsCredentialsRequest> {

  private static final List<String> FIELDS =
      List.of(
          "task_id",
          "user_id",
          "repo",
          "tool",
          "call_id",
          "turn_id",
          "actions",
          "resources",
          "duration_seconds");

  @Override
  public Class<AwsCredentialsRequest> type() {
    return AwsCredentialsRequest.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(AwsCredentialsRequest r) {
    return JsonObject.builder()
        .put("task_id", r.taskId())
        .put("user_id", r.userId())
        .put("repo", r.repo())
        .put("tool", r.tool())
        .put("call_id", r.callId())
        .put("turn_id", r.turnId()) // null is written as null, as before
        .put("actions", JsonArray.ofStrings(r.actions()))
        .put("resources", JsonArray.ofStrings(r.resources()))
        .put("duration_seconds", JsonNumber.of(r.durationSeconds()))
        .build();
  }

  @Override
  public AwsCredentialsRequest read(WireFields f) {
    return new AwsCredentialsRequest(
        f.text("task_id"),
        f.text("user_id"),
        f.text("repo"),
        f.text("tool"),
        f.text("call_id"),
        f.text("turn_id"),
        f.strings("actions"),
        f.strings("resources"),
        f.integer("duration_seconds"));
  }
}
