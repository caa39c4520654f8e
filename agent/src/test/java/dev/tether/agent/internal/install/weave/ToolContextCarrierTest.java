package dev.tether.agent.internal.install.weave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.bootstrap.CarriesToolContext;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A class made a {@link CarriesToolContext} as it loads: defined in its own loader, so that the
 * JVM's verifier checks the added accessors, and used through the interface as the bridge uses it.
 */
class ToolContextCarrierTest {

  @Test
  void theAddedFieldHoldsTheContextItIsGiven() throws Exception {
    Class<?> type = carrier();
    Object sample = type.getConstructor().newInstance();
    assertThat(sample).isInstanceOf(CarriesToolContext.class);
    CarriesToolContext carrier = (CarriesToolContext) sample;
    assertThat(carrier.tether$toolContext()).isNull();
    Object toolCall = new Object();
    carrier.tether$toolContext(toolCall);
    assertThat(carrier.tether$toolContext()).isSameAs(toolCall);
    assertThat(((CarriesToolContext) type.getConstructor().newInstance()).tether$toolContext())
        .as("each object its own").isNull();
  }

  @Test
  void theFieldIsHiddenFromSerializersAndSafeAcrossThreads() throws Exception {
    Field field = carrier().getDeclaredField(CarriesToolContext.FIELD);
    int modifiers = field.getModifiers();
    assertThat(Modifier.isPrivate(modifiers)).isTrue();
    assertThat(Modifier.isTransient(modifiers)).as("transient").isTrue();
    assertThat(Modifier.isVolatile(modifiers)).as("volatile").isTrue();
    assertThat(field.isSynthetic()).as("synthetic").isTrue();
    assertThat(field.getType()).isEqualTo(Object.class);
  }

  @Test
  void theClassKeepsItsOwnMembersAndGenericInterfaces() throws Exception {
    Class<?> type = carrier();
    assertThat(type.getDeclaredFields()).extracting(Field::getName)
        .containsExactlyInAnyOrder("value", CarriesToolContext.FIELD);
    Object sample = type.getConstructor(Object.class).newInstance("kept");
    assertThat(((Supplier<?>) sample).get()).isEqualTo("kept");
    // The generic signature names the added interface too, or reflection would disagree with
    // the class's own list of interfaces.
    assertThat(type.getGenericInterfaces()).hasSize(2);
    assertThat(type.getGenericInterfaces()[0]).isInstanceOf(ParameterizedType.class);
    assertThat(type.getGenericInterfaces()[1]).isEqualTo(CarriesToolContext.class);
  }

  @Test
  void aCarrierIsNotMadeOneTwiceAndAnInterfaceNever() throws Exception {
    byte[] once = ClassWeaver.weave(ClassFiles.of(CarrierSample.class), List.of(), true)
        .classFile();
    assertThat(ClassWeaver.weave(once, List.of(), true)).as("woven again").isNull();
    assertThat(ClassWeaver.weave(ClassFiles.of(Supplier.class), List.of(), true))
        .as("an interface").isNull();
    assertThat(ClassWeaver.weave(ClassFiles.of(CarrierSample.class), List.of(), false))
        .as("not asked").isNull();
  }

  private Class<?> carrier() throws Exception {
    ClassWeaver.Woven woven =
        ClassWeaver.weave(ClassFiles.of(CarrierSample.class), List.of(), true);
    assertThat(woven.methods()).containsExactly(CarriesToolContext.FIELD + " (field)");
    assertThat(ClassFiles.verifierProblems(woven.classFile(), getClass().getClassLoader()))
        .isEmpty();
    return ClassFiles.defineAndLink(
        CarrierSample.class.getName(), woven.classFile(), getClass().getClassLoader());
  }
}
