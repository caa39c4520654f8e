package dev.tether.agent.internal.install.weave;

import java.util.ArrayList;
import java.util.List;

/** Methods of the shapes javac emits, to weave and then run under the verifier. */
public class Samples {

  /** What the labelled constructor was given, after the woven code had its say. */
  public String label = "none";

  public Samples() {}

  /** A constructor whose argument is wrapped before {@code super()} runs. */
  public Samples(String label) {
    this.label = label;
  }

  /** Hooked with the receiver and the first argument as origins. */
  public String withOrigins(String first, String second) {
    return first + "/" + second;
  }

  /** Hooked with its second argument as the origin, behind a two-slot first one. */
  public String afterWide(long first, String second) {
    return first + "/" + second;
  }

  /** Its second argument is wrapped, the bridge told the first. */
  public String joined(String first, String second) {
    return first + "/" + second;
  }

  @Marked
  public void voidMethod(StringBuilder out) {
    out.append("body");
  }

  @Marked
  public double wideArguments(long a, double b, int c, long d) {
    long sum = a + c + d;
    double result = sum * b;
    for (int i = 0; i < 3; i++) {
      result += i;
    }
    return result;
  }

  @Marked
  public static int staticLoopAtStart(int n) {
    int total = 0;
    while (n > 0) {
      total += n--;
    }
    return total;
  }

  @Marked
  public String catchesItsOwn(String input) {
    try {
      if (input == null) {
        throw new IllegalStateException("inner");
      }
      return "ok " + input;
    } catch (IllegalStateException e) {
      return "caught " + e.getMessage();
    } finally {
      input = null;
    }
  }

  @Marked
  public int throwsOut(int value) {
    if (value > 0) {
      throw new IllegalArgumentException("outer " + value);
    }
    return value;
  }

  @Marked
  public synchronized String switchAndLocals(int kind) {
    String label;
    switch (kind) {
      case 1:
        label = "one";
        break;
      case 2:
        long wide = 2L;
        label = "two" + wide;
        break;
      default:
        label = "many";
    }
    Object boxed = kind;
    return label + boxed;
  }

  @Marked
  public CharSequence answered(String input) {
    return "body " + input;
  }

  public void execute(Runnable task) {
    task.run();
  }

  public static void scheduleAfterWide(long delay, Runnable task) {
    task.run();
  }

  public List<Object> resolve(boolean empty) {
    List<Object> values = new ArrayList<>();
    if (empty) {
      return values;
    }
    values.add("own");
    return values;
  }

  /** Hooked with a deferred scope: its returns go through the bridge, cast back. */
  public CharSequence deferredWork(String input) {
    if (input == null) {
      throw new IllegalArgumentException("no input");
    }
    if (input.isEmpty()) {
      return "empty";
    }
    return "work " + input;
  }

  /** A deferred scope over returns inside a loop, a handler and a monitor, with a wide local. */
  public CharSequence deferredInLoop(long times) {
    StringBuilder out = new StringBuilder();
    synchronized (this) {
      for (long i = 0; i < times; i++) {
        try {
          if (i == 3) {
            return out.append("three");
          }
          out.append(i);
        } catch (RuntimeException e) {
          return "failed";
        }
      }
    }
    return out;
  }

  /** A deferred scope on a static method returning an array. */
  public static Object[] deferredArray(int size) {
    return new Object[size];
  }

  public void notHooked() {}
}
