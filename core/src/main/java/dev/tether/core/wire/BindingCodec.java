package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class BindingCodec implements WireCodec<Binding> {

  static final BindingCodec INSTANCE = new BindingCodec();

  private static final List<String> FIELDS =
      List.of("id", "kind", "strength", "attested_at", "fresh_until");

  @Override
  public Class<Binding> type() {
    return Binding.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(Binding r) {
    return JsonObject.builder()
        .put("id", r.id())
        .put("kind", r.kind())
        .put("strength", r.strength())
        .put("attested_at", r.attestedAt().toString())
        .put("fresh_until", r.freshUntil().toString())
        .build();
  }

  @Override
  public Binding read(WireFields f) {
    return new Binding(
        f.text("id"), f.text("kind"), f.text("strength"), f.instant("attested_at"),
        f.instant("fresh_until"));
  }
}
