package dev.tether.core.wire;

import dev.tether.core.json.JsonNumber;
import dev.tether.core.json.JsonObject;
import java.util.List;

final class AwsCredentialsRequestCodec implements WireCodec<AwsCredentialsRequest> {

  private static final List<String> FIELDS = List.of("token", "duration_seconds");

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
        .put("token", r.token())
        .put("duration_seconds", JsonNumber.of(r.durationSeconds()))
        .build();
  }

  @Override
  public AwsCredentialsRequest read(WireFields f) {
    return new AwsCredentialsRequest(f.text("token"), f.integer("duration_seconds"));
  }
}
