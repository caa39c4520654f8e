package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class ApiTokenRequestCodec implements WireCodec<ApiTokenRequest> {

  private static final List<String> FIELDS = List.of("token", "audience", "mode");

  @Override
  public Class<ApiTokenRequest> type() {
    return ApiTokenRequest.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(ApiTokenRequest r) {
    return JsonObject.builder().put("token", r.token()).put("audience", r.audience())
        .put("mode", r.mode()).build();
  }

  @Override
  public ApiTokenRequest read(WireFields f) {
    return new ApiTokenRequest(f.text("token"), f.text("audience"), f.text("mode"));
  }
}
