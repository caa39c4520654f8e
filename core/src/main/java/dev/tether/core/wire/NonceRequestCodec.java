package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class NonceRequestCodec implements WireCodec<NonceRequest> {

  private static final List<String> FIELDS = List.of("kind");

  @Override
  public Class<NonceRequest> type() {
    return NonceRequest.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(NonceRequest r) {
    return JsonObject.builder().put("kind", r.kind()).build();
  }

  @Override
  public NonceRequest read(WireFields f) {
    return new NonceRequest(f.text("kind"));
  }
}
