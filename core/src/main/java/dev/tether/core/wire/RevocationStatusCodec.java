package dev.tether.core.wire;

import dev.tether.core.json.JsonArray;
import dev.tether.core.json.JsonBoolean;
import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

final class RevocationStatusCodec implements WireCodec<RevocationStatus> {

  private static final List<String> FIELDS = List.of("task_id", "revoked", "revocation", "tools");

  @Override
  public Class<RevocationStatus> type() {
    return RevocationStatus.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(RevocationStatus r) {
    JsonObject.Builder json = JsonObject.builder()
        .put("task_id", r.taskId())
        .put("revoked", JsonBoolean.of(r.revoked()));
    if (r.revocation() != null) {
      json.put("revocation", RevocationCodec.INSTANCE.write(r.revocation()));
    }
    List<JsonValue> tools = new ArrayList<>(r.tools().size());
    for (Revocation tool : r.tools()) {
      tools.add(RevocationCodec.INSTANCE.write(tool));
    }
    return json.put("tools", JsonArray.of(tools)).build();
  }

  @Override
  public RevocationStatus read(WireFields f) {
    return new RevocationStatus(
        f.text("task_id"), f.bool("revoked"), f.nested("revocation", RevocationCodec.INSTANCE),
        f.objects("tools", RevocationCodec.INSTANCE));
  }
}
