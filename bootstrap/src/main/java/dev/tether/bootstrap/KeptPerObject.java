package dev.tether.bootstrap;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One thing Tether keeps per object of a client's class: in the object's own field where the agent
 * gave its class one as it loaded ({@link TetherField}), else in a map with weak keys, so that an
 * object the application dropped is forgotten. Each class is given the field for one use, so each
 * use has an instance of its own. Not for application code.
 */
public final class KeptPerObject {

  private final Map<Object, Object> withoutField = Collections.synchronizedMap(new WeakHashMap<>());

  /** What is kept for {@code key}, or {@code null}. */
  public Object get(Object key) {
    if (key instanceof TetherField) {
      return ((TetherField) key).tether$field();
    }
    return key == null ? null : withoutField.get(key);
  }

  /** Keeps {@code value} for {@code key}; {@code null} forgets what was kept. */
  public void put(Object key, Object value) {
    if (key instanceof TetherField) {
      ((TetherField) key).tether$field(value);
    } else if (key != null) {
      if (value == null) {
        withoutField.remove(key);
      } else {
        withoutField.put(key, value);
      }
    }
  }

  /** How many objects without the field are kept: for tests. */
  int withoutFieldCount() {
    return withoutField.size();
  }
}
