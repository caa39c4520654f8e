package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class RedeemRequestCodec implements WireCodec<RedeemRequest> {

  private static final List<String> FIELDS = List.of("grant", "agent");

  @Override
  public Class<RedeemRequest> type() {
    return RedeemRequest.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(RedeemRequest r) {
    return JsonObject.builder().put("grant", r.grant()).put("agent", r.agent()).build();
  }

  @Override
  public RedeemRequest read(WireFields f) {
    return new RedeemRequest(f.text("grant"), f.text("agent"));
  }
}
