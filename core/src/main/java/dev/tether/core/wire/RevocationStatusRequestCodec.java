package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class RevocationStatusRequestCodec implements WireCodec<RevocationStatusRequest> {

  private static final List<String> FIELDS = List.of("token");

  @Override
  public Class<RevocationStatusRequest> type() {
    return RevocationStatusRequest.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(RevocationStatusRequest r) {
    return JsonObject.builder().put("token", r.token()).build();
  }

  @Override
  public RevocationStatusRequest read(WireFields f) {
    return new RevocationStatusRequest(f.text("token"));
  }
}
