package dev.tether.agent.internal.install.weave;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The bridge the woven test classes call: it records what woven code did. */
public final class Recorder {

  public static final List<String> EVENTS = new CopyOnWriteArrayList<>();
  public static volatile boolean refuse;
  public static volatile Object answer;
  /** When set, what a deferred scope's exit answers instead of following the value. */
  public static volatile Object followedAs;

  private Recorder() {}

  public static void reset() {
    EVENTS.clear();
    refuse = false;
    answer = null;
    followedAs = null;
  }

  /** A deferred scope's exit at a return: records the value and answers another of its type. */
  public static Object exitReturning(Object state, Object value) {
    EVENTS.add("exitReturning " + state + " " + describe(value));
    if (followedAs != null) {
      return followedAs;
    }
    return value instanceof CharSequence ? "followed(" + value + ")" : value;
  }

  private static String describe(Object value) {
    return value instanceof Object[] array ? "array of " + array.length : String.valueOf(value);
  }

  public static Object enter(Class<?> type, String method, String descriptor) {
    if (refuse) {
      EVENTS.add("refused " + method);
      throw new SecurityException("refused " + method);
    }
    EVENTS.add("enter " + type.getSimpleName() + "." + method + descriptor);
    return "state:" + method;
  }

  public static void exit(Object state, Throwable thrown) {
    EVENTS.add("exit " + state + (thrown == null ? "" : " thrown " + thrown.getMessage()));
  }

  public static Object enterByName(String typeName) {
    EVENTS.add("enter " + typeName);
    return answer;
  }

  public static boolean answers(Object state) {
    return state != null;
  }

  public static String part(Object state) {
    return "part(" + state + ")";
  }

  public static String answerWith(String part1, String part2) {
    return part1 + "+" + part2;
  }

  /** A scope entry that is given the receiver and the first argument. */
  public static Object enterWithReceiver(Object self, Object first) {
    EVENTS.add("enter " + self.getClass().getSimpleName() + " first=" + first);
    return "state:withOrigins";
  }

  public static Object enterWithSecond(Object second) {
    EVENTS.add("enter second=" + second);
    return "state:afterWide";
  }

  /** Wraps an argument, told the call's first argument: both types as Object. */
  public static Object joinWithFirst(Object argument, Object first) {
    return first + "+" + argument;
  }

  /** Wraps a constructor's argument. */
  public static Object shout(Object argument) {
    return String.valueOf(argument).toUpperCase(java.util.Locale.ROOT);
  }

  public static Runnable wrap(Runnable task) {
    EVENTS.add("wrap");
    return () -> {
      EVENTS.add("wrapped run");
      task.run();
    };
  }

  public static List<Object> filter(List<Object> values, Class<?> type) {
    List<Object> filtered = new ArrayList<>();
    filtered.add("first from " + type.getSimpleName());
    filtered.addAll(values);
    return filtered;
  }

  /** What a filtered call returned, and the argument it was made for. */
  public static Object tagCopy(Object value, Object source) {
    EVENTS.add("copy of " + source.getClass().getSimpleName());
    return "[" + value + "]";
  }
}
