package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class VaultErrorCodec implements WireCodec<VaultError> {

  private static final List<String> FIELDS = List.of("error", "message");

  @Override
  public Class<VaultError> type() {
    return VaultError.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(VaultError e) {
    return JsonObject.builder().put("error", e.error()).put("message", e.message()).build();
  }

  @Override
  public VaultError read(WireFields f) {
    return new VaultError(f.text("error"), f.text("message"));
  }
}
