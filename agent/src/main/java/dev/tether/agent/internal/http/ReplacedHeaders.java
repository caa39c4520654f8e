package dev.tether.agent.internal.http;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The JDK client's request headers as it copies them ({@code HttpHeaders.of}, which reads a map
 * with {@code forEach}): the application's, with one header's values (in any letter case) replaced
 * by Tether's and those of {@code removed} left out. A view, not a copy: the client's copy is the
 * only one made, and the application's request is not changed.
 */
final class ReplacedHeaders extends AbstractMap<String, List<String>> {

  private final Map<String, List<String>> original;
  private final String header;
  private final List<String> value;
  private final String[] removed;

  ReplacedHeaders(
      Map<String, List<String>> original, String header, String value, String[] removed) {
    this.original = original;
    this.header = header;
    this.value = List.of(value);
    this.removed = removed;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super List<String>> action) {
    for (Map.Entry<String, List<String>> entry : original.entrySet()) {
      if (!entry.getKey().equalsIgnoreCase(header) && !isRemoved(entry.getKey())) {
        action.accept(entry.getKey(), entry.getValue());
      }
    }
    action.accept(header, value);
  }

  private boolean isRemoved(String name) {
    for (String other : removed) {
      if (name.equalsIgnoreCase(other)) {
        return true;
      }
    }
    return false;
  }

  /** For any reader other than {@code forEach}: the same entries, copied. */
  @Override
  public Set<Map.Entry<String, List<String>>> entrySet() {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    forEach(copy::put);
    return copy.entrySet();
  }

  /** Like the JDK's own maps of headers would, were they printed: names only, never a token. */
  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    forEach((name, values) -> names.add(name));
    return names.toString();
  }
}
