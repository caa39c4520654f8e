package dev.tether.instrumentation.tools;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.TypeInstrumentation;
import dev.tether.instrumentation.api.TypeTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Tool and turn boundaries without code changes: methods annotated with LangChain4j's or Spring
 * AI's {@code @Tool} (matched by annotation name, so neither is a dependency), and methods named
 * in configuration as {@code class#method}.
 */
public final class ToolBoundaryInstrumentationModule implements InstrumentationModule {

  /** Annotation types whose methods are tools. */
  public static final List<String> TOOL_ANNOTATIONS =
      List.of("dev.langchain4j.agent.tool.Tool", "org.springframework.ai.tool.annotation.Tool");

  private final List<MethodRef> toolMethods;
  private final List<MethodRef> turnMethods;

  /** A configured boundary: a binary class name and a method name ({@code *} = every method). */
  public record MethodRef(String className, String methodName) {}

  public ToolBoundaryInstrumentationModule(List<MethodRef> toolMethods, List<MethodRef> turnMethods) {
    this.toolMethods = List.copyOf(toolMethods);
    this.turnMethods = List.copyOf(turnMethods);
  }

  @Override
  public String name() {
    return "tool-boundaries";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    List<TypeInstrumentation> result = new ArrayList<>();
    result.add(new AnnotatedToolInstrumentation());
    if (!toolMethods.isEmpty()) {
      result.add(new ConfiguredMethodInstrumentation(toolMethods, ToolAdvice.class));
    }
    if (!turnMethods.isEmpty()) {
      result.add(new ConfiguredMethodInstrumentation(turnMethods, TurnAdvice.class));
    }
    return result;
  }

  static final class AnnotatedToolInstrumentation implements TypeInstrumentation {

    private static final ElementMatcher.Junction<MethodDescription> TOOL_METHOD =
        isMethod()
            .and(not(isAbstract()))
            .and(isAnnotatedWith(namedOneOf(TOOL_ANNOTATIONS.toArray(new String[0]))));

    @Override
    public Set<String> typeNames() {
      return Set.of();
    }

    @Override
    public Set<String> byteMarkers() {
      return TOOL_ANNOTATIONS.stream()
          .map(name -> "L" + name.replace('.', '/') + ";")
          .collect(Collectors.toSet());
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return declaresMethod(TOOL_METHOD);
    }

    @Override
    public void transform(TypeTransformer transformer) {
      transformer.applyAdviceToMethod(TOOL_METHOD, ToolAdvice.class);
    }
  }

  static final class ConfiguredMethodInstrumentation implements TypeInstrumentation {

    private final List<MethodRef> methods;
    private final Class<?> advice;

    ConfiguredMethodInstrumentation(List<MethodRef> methods, Class<?> advice) {
      this.methods = methods;
      this.advice = advice;
    }

    @Override
    public Set<String> typeNames() {
      return methods.stream()
          .map(ref -> ref.className().replace('.', '/'))
          .collect(Collectors.toSet());
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return namedOneOf(methods.stream().map(MethodRef::className).distinct().toArray(String[]::new));
    }

    @Override
    public void transform(TypeTransformer transformer) {
      ElementMatcher.Junction<MethodDescription> matcher = none();
      for (MethodRef ref : methods) {
        ElementMatcher.Junction<MethodDescription> inType =
            isMethod().and(not(isAbstract())).and(declaredIn(ref.className()));
        matcher =
            matcher.or("*".equals(ref.methodName()) ? inType : inType.and(named(ref.methodName())));
      }
      transformer.applyAdviceToMethod(matcher, advice);
    }

    private static ElementMatcher.Junction<MethodDescription> declaredIn(String className) {
      return net.bytebuddy.matcher.ElementMatchers.isDeclaredBy(named(className));
    }
  }
}
