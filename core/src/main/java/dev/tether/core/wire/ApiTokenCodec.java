package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class ApiTokenCodec implements WireCodec<ApiToken> {

  private static final List<String> FIELDS = List.of("token", "audience", "expires_at");

  @Override
  public Class<ApiToken> type() {
    return ApiToken.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(ApiToken r) {
    return JsonObject.builder()
        .put("token", r.token())
        .put("audience", r.audience())
        .put("expires_at", r.expiresAt().toString())
        .build();
  }

  @Override
  public ApiToken read(WireFields f) {
    return new ApiToken(f.text("token"), f.text("audience"), f.instant("expires_at"));
  }
}
