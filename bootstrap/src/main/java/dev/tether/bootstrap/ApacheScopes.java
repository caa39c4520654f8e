package dev.tether.bootstrap;

import java.lang.reflect.Field;

/**
 * The client context of an Apache HttpClient 5 async execution ({@code AsyncExecChain.Scope}'s
 * public {@code clientContext}): every request of the execution, hop after hop and copy after copy,
 * is sent in it.
 */
final class ApacheScopes {

  /** The field in each {@code Scope} class loaded, or {@code null} where there is none. */
  private static final ClassValue<Field> CLIENT_CONTEXT = new ClassValue<>() {
    @Override
    protected Field computeValue(Class<?> type) {
      try {
        return type.getField("clientContext");
      } catch (NoSuchFieldException e) {
        return null;
      }
    }
  };

  private ApacheScopes() {}

  /** The execution's client context, or {@code null} when it cannot be read. */
  static Object clientContext(Object scope) {
    if (scope == null) {
      return null;
    }
    Field field = CLIENT_CONTEXT.get(scope.getClass());
    if (field == null) {
      return null;
    }
    try {
      return field.get(scope);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // then the request remembered with the tool call is all there is
    }
  }
}
