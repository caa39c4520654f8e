package dev.tether.instrumentation.awssdk.v2;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.protocol.MarshallingType;

/**
 * A request's string members (Bucket, Key, TableName...) by member name, read when asked: a
 * decision reads two or three of them, so nothing walks all of a request's fields on every call.
 */
final class RequestFields extends AbstractMap<String, String> {

  private final SdkRequest request;
  private Map<String, String> all;

  private RequestFields(SdkRequest request) {
    this.request = request;
  }

  static Map<String, String> of(SdkRequest request) {
    return new RequestFields(request);
  }

  @Override
  public String get(Object memberName) {
    if (!(memberName instanceof String)) {
      return null;
    }
    Object value = request.getValueForField((String) memberName, Object.class).orElse(null);
    return value instanceof String ? (String) value : null;
  }

  @Override
  public boolean containsKey(Object memberName) {
    return get(memberName) != null;
  }

  /** Every string member: built only if someone iterates. */
  @Override
  public Set<Entry<String, String>> entrySet() {
    if (all == null) {
      Map<String, String> fields = new HashMap<>();
      for (SdkField<?> field : request.sdkFields()) {
        if (field.marshallingType() == MarshallingType.STRING) {
          Object value = field.getValueOrDefault(request);
          if (value != null) {
            fields.put(field.memberName(), value.toString());
          }
        }
      }
      all = fields;
    }
    return all.entrySet();
  }
}
