package dev.tether.agent.internal.install.weave;

import static dev.tether.instrumentation.api.MethodMatcher.annotatedWithAny;
import static dev.tether.instrumentation.api.MethodMatcher.descriptorStartsWith;
import static dev.tether.instrumentation.api.MethodMatcher.named;
import static dev.tether.instrumentation.api.MethodMatcher.withCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.Origin;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weaves {@link Samples} and runs it in its own loader, so the JVM's verifier checks every woven
 * method when the class links.
 */
class ClassWeaverTest {

  private static final String RECORDER = "dev/tether/agent/internal/install/weave/Recorder";
  private static final String MARKED = "Ldev/tether/agent/internal/install/weave/Marked;";

  static final Advice.Scope SCOPE =
      new Advice.Scope(
          BridgeMethod.of(
              RECORDER,
              "enter",
              "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;"),
          List.of(Origin.DECLARING_CLASS, Origin.METHOD_NAME, Origin.METHOD_DESCRIPTOR),
          BridgeMethod.of(RECORDER, "exit", "(Ljava/lang/Object;Ljava/lang/Throwable;)V"),
          null);

  static final Advice.Scope ANSWERING_SCOPE =
      new Advice.Scope(
          BridgeMethod.of(RECORDER, "enterByName", "(Ljava/lang/String;)Ljava/lang/Object;"),
          List.of(Origin.DECLARING_TYPE_NAME),
          BridgeMethod.of(RECORDER, "exit", "(Ljava/lang/Object;Ljava/lang/Throwable;)V"),
          new Advice.ShortCircuit(
              BridgeMethod.of(RECORDER, "answers", "(Ljava/lang/Object;)Z"),
              List.of(
                  BridgeMethod.of(RECORDER, "part", "(Ljava/lang/Object;)Ljava/lang/String;"),
                  BridgeMethod.of(RECORDER, "part", "(Ljava/lang/Object;)Ljava/lang/String;")),
              BridgeMethod.of(
                  RECORDER, "answerWith", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;")));

  static final Advice.DeferredScope DEFERRED =
      new Advice.DeferredScope(
          BridgeMethod.of(
              RECORDER,
              "enter",
              "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;"),
          List.of(Origin.DECLARING_CLASS, Origin.METHOD_NAME, Origin.METHOD_DESCRIPTOR),
          BridgeMethod.of(
              RECORDER, "exitReturning", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;"),
          BridgeMethod.of(RECORDER, "exit", "(Ljava/lang/Object;Ljava/lang/Throwable;)V"));

  static final List<MethodHook> HOOKS =
      List.of(
          new MethodHook(withCode().and(named("answered")), ANSWERING_SCOPE),
          new MethodHook(named("deferredWork", "deferredInLoop", "deferredArray"), DEFERRED),
          new MethodHook(withCode().and(annotatedWithAny(Set.of(MARKED))), SCOPE),
          new MethodHook(named("execute"), wrap(0)),
          new MethodHook(named("withOrigins"), new Advice.Scope(
              BridgeMethod.of(RECORDER, "enterWithReceiver",
                  "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;"),
              List.of(Origin.THIS, Origin.FIRST_ARGUMENT),
              BridgeMethod.of(RECORDER, "exit", "(Ljava/lang/Object;Ljava/lang/Throwable;)V"),
              null)),
          new MethodHook(named("afterWide"), new Advice.Scope(
              BridgeMethod.of(RECORDER, "enterWithSecond", "(Ljava/lang/Object;)Ljava/lang/Object;"),
              List.of(Origin.SECOND_ARGUMENT),
              BridgeMethod.of(RECORDER, "exit", "(Ljava/lang/Object;Ljava/lang/Throwable;)V"),
              null)),
          new MethodHook(named("joined"), new Advice.WrapArgument(1,
              BridgeMethod.of(RECORDER, "joinWithFirst",
                  "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;"),
              List.of(Origin.FIRST_ARGUMENT))),
          new MethodHook(named("<init>").and(descriptorStartsWith("(Ljava/lang/String;)")),
              new Advice.WrapArgument(0,
                  BridgeMethod.of(RECORDER, "shout", "(Ljava/lang/Object;)Ljava/lang/Object;"))),
          new MethodHook(named("scheduleAfterWide"), wrap(1)),
          new MethodHook(
              named("resolve"),
              new Advice.FilterReturn(
                  BridgeMethod.of(
                      RECORDER, "filter", "(Ljava/util/List;Ljava/lang/Class;)Ljava/util/List;"),
                  List.of(Origin.DECLARING_CLASS))));

  private Object samples;

  private static Advice wrap(int index) {
    return new Advice.WrapArgument(
        index, BridgeMethod.of(RECORDER, "wrap", "(Ljava/lang/Runnable;)Ljava/lang/Runnable;"));
  }

  @BeforeEach
  void weaveAndLoad() throws Exception {
    Recorder.reset();
    ClassWeaver.Woven woven = ClassWeaver.weave(ClassFiles.of(Samples.class), HOOKS);
    assertThat(woven.methods())
        .contains("voidMethod(Ljava/lang/StringBuilder;)V", "resolve(Z)Ljava/util/List;")
        .doesNotContain("notHooked()V", "<init>()V");
    Class<?> type =
        ClassFiles.defineAndLink(Samples.class.getName(), woven.classFile(), getClass().getClassLoader());
    samples = type.getConstructor().newInstance();
  }

  @Test
  void scopeEntersAndExitsAroundAVoidMethod() throws Exception {
    StringBuilder out = new StringBuilder();
    call("voidMethod", out);
    assertThat(out).hasToString("body");
    assertThat(Recorder.EVENTS)
        .containsExactly(
            "enter Samples.voidMethod(Ljava/lang/StringBuilder;)V", "exit state:voidMethod");
  }

  @Test
  void originsPassTheReceiverAndTheFirstArgumentAndObjectBridgesAreCastBack() throws Exception {
    assertThat(call("withOrigins", "a", "b")).isEqualTo("a/b");
    assertThat(Recorder.EVENTS)
        .containsExactly("enter Samples first=a", "exit state:withOrigins");
    assertThat(call("joined", "a", "b")).isEqualTo("a/a+b");
  }

  @Test
  void theSecondArgumentIsFoundBehindAWideFirstOne() throws Exception {
    assertThat(call("afterWide", 7L, "b")).isEqualTo("7/b");
    assertThat(Recorder.EVENTS).containsExactly("enter second=b", "exit state:afterWide");
  }

  @Test
  void aConstructorsArgumentIsWrappedBeforeSuperRuns() throws Exception {
    Object labelled = samples.getClass().getConstructor(String.class).newInstance("quiet");
    assertThat(labelled.getClass().getField("label").get(labelled)).isEqualTo("QUIET");
  }

  @Test
  void wideArgumentsKeepTheirSlots() throws Exception {
    assertThat(call("wideArguments", 1L, 2.0, 3, 4L)).isEqualTo(19.0);
    assertThat(Recorder.EVENTS).last().isEqualTo("exit state:wideArguments");
  }

  @Test
  void aStaticMethodWhoseFirstInstructionIsALoopTarget() throws Exception {
    assertThat(call("staticLoopAtStart", 4)).isEqualTo(10);
    assertThat(Recorder.EVENTS).hasSize(2);
  }

  @Test
  void theMethodsOwnHandlersTakePrecedence() throws Exception {
    assertThat(call("catchesItsOwn", (Object) null)).isEqualTo("caught inner");
    assertThat(call("catchesItsOwn", "x")).isEqualTo("ok x");
    assertThat(Recorder.EVENTS)
        .filteredOn(e -> e.startsWith("exit"))
        .containsExactly("exit state:catchesItsOwn", "exit state:catchesItsOwn");
  }

  @Test
  void anExceptionLeavingTheMethodIsPassedToExitAndRethrown() throws Exception {
    assertThatThrownBy(() -> call("throwsOut", 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outer 7");
    assertThat(Recorder.EVENTS).last().isEqualTo("exit state:throwsOut thrown outer 7");
    assertThat(call("throwsOut", 0)).isEqualTo(0);
  }

  @Test
  void switchesSynchronizedMethodsAndReusedSlots() throws Exception {
    assertThat(call("switchAndLocals", 1)).isEqualTo("one1");
    assertThat(call("switchAndLocals", 2)).isEqualTo("two22");
    assertThat(call("switchAndLocals", 9)).isEqualTo("many9");
    assertThat(Recorder.EVENTS).filteredOn(e -> e.startsWith("exit")).hasSize(3);
  }

  @Test
  void aRefusalAtEntryStopsTheBodyAndSkipsExit() {
    Recorder.refuse = true;
    StringBuilder out = new StringBuilder();
    assertThatThrownBy(() -> call("voidMethod", out))
        .isInstanceOf(SecurityException.class)
        .hasMessage("refused voidMethod");
    assertThat(out).isEmpty();
    assertThat(Recorder.EVENTS).containsExactly("refused voidMethod");
  }

  @Test
  void aShortCircuitAnswersWithoutRunningTheBody() throws Exception {
    Recorder.answer = "issued";
    assertThat(call("answered", "in")).isEqualTo("part(issued)+part(issued)");
    assertThat(Recorder.EVENTS)
        .containsExactly("enter " + Samples.class.getName(), "exit issued");
  }

  @Test
  void withoutAnAnswerTheBodyRuns() throws Exception {
    assertThat(call("answered", "in")).isEqualTo("body in");
    assertThat(Recorder.EVENTS).containsExactly("enter " + Samples.class.getName(), "exit null");
  }

  @Test
  void anArgumentIsReplacedAtEntry() throws Exception {
    Runnable task = () -> Recorder.EVENTS.add("task");
    call("execute", task);
    assertThat(Recorder.EVENTS).containsExactly("wrap", "wrapped run", "task");
  }

  @Test
  void anArgumentAfterALongIsFoundInItsSlot() throws Exception {
    Runnable task = () -> Recorder.EVENTS.add("task");
    call("scheduleAfterWide", 5L, task);
    assertThat(Recorder.EVENTS).containsExactly("wrap", "wrapped run", "task");
  }

  @Test
  void everyReturnedValueIsFiltered() throws Exception {
    assertThat(call("resolve", true)).isEqualTo(List.of("first from Samples"));
    assertThat(call("resolve", false)).isEqualTo(List.of("first from Samples", "own"));
  }

  @Test
  void aDeferredScopeReturnsWhatItsExitAnswersAndExitsNoOtherWay() throws Exception {
    assertThat(call("deferredWork", "x")).isEqualTo("followed(work x)");
    assertThat(call("deferredWork", "")).isEqualTo("followed(empty)");
    assertThat(Recorder.EVENTS)
        .containsExactly(
            "enter Samples.deferredWork(Ljava/lang/String;)Ljava/lang/CharSequence;",
            "exitReturning state:deferredWork work x",
            "enter Samples.deferredWork(Ljava/lang/String;)Ljava/lang/CharSequence;",
            "exitReturning state:deferredWork empty");
  }

  @Test
  void aDeferredScopeFollowsReturnsFromLoopsHandlersAndMonitors() throws Exception {
    assertThat(call("deferredInLoop", 2L)).isEqualTo("followed(01)");
    assertThat(call("deferredInLoop", 9L)).isEqualTo("followed(012three)");
    assertThat(call("deferredArray", 3)).isInstanceOf(Object[].class);
    assertThat(Recorder.EVENTS)
        .filteredOn(e -> !e.startsWith("enter"))
        .containsExactly(
            "exitReturning state:deferredInLoop 01",
            "exitReturning state:deferredInLoop 012three",
            "exitReturning state:deferredArray array of 3");
  }

  @Test
  void aDeferredScopeHandsAThrowToItsThrownExitAndRethrows() {
    assertThatThrownBy(() -> call("deferredWork", (Object) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no input");
    assertThat(Recorder.EVENTS)
        .containsExactly(
            "enter Samples.deferredWork(Ljava/lang/String;)Ljava/lang/CharSequence;",
            "exit state:deferredWork thrown no input");
  }

  @Test
  void anAnswerOfAnotherTypeThanTheDeclaredOneFailsTheCastInsideTheScope() {
    Recorder.followedAs = 42;
    assertThatThrownBy(() -> call("deferredWork", "x")).isInstanceOf(ClassCastException.class);
    assertThat(Recorder.EVENTS).last().asString().startsWith("exit state:deferredWork thrown");
  }

  @Test
  void aDeferredScopeOnAMethodThatReturnsNoReferenceIsRefusedAtWeaving() {
    List<MethodHook> wrong = List.of(new MethodHook(named("staticLoopAtStart"), DEFERRED));
    assertThatThrownBy(() -> ClassWeaver.weave(ClassFiles.of(Samples.class), wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("staticLoopAtStart(I)I returns no reference");
  }

  @Test
  void aClassWithNoMatchingMethodIsLeftAlone() throws IOException {
    assertThat(ClassWeaver.weave(ClassFiles.of(Recorder.class), HOOKS)).isNull();
  }

  @Test
  void anArgumentThatIsNotAReferenceIsRefusedAtWeaving() {
    List<MethodHook> wrong =
        List.of(
            new MethodHook(named("staticLoopAtStart"), wrap(0)));
    assertThatThrownBy(() -> ClassWeaver.weave(ClassFiles.of(Samples.class), wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("staticLoopAtStart(I)I has no reference argument 0");
  }

  private Object call(String name, Object... args) throws Exception {
    for (Method method : samples.getClass().getMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == args.length) {
        try {
          return method.invoke(samples, args);
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof Exception cause) {
            throw cause;
          }
          throw e;
        }
      }
    }
    throw new AssertionError("no method " + name);
  }
}
