package dev.tether.agent.internal.install.weave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.bootstrap.TetherField;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A class made a {@link TetherField} as it loads: defined in its own loader, so that the
 * JVM's verifier checks the added accessors, and used through the interface as the bridge uses it.
 */
class TetherFieldTest {

  @Test
  void theAddedFieldHoldsTheContextItIsGiven() throws Exception {
    Class<?> type = carrier();
    Object sample = type.getConstructor().newInstance();
    assertThat(sample).isInstanceOf(TetherField.class);
    TetherField carrier = (TetherField) sample;
    assertThat(carrier.tether$field()).isNull();
    Object toolCall = new Object();
    carrier.tether$field(toolCall);
    assertThat(carrier.tether$field()).isSameAs(toolCall);
    assertThat(((TetherField) type.getConstructor().newInstance()).tether$field())
        .as("each object its own").isNull();
  }

  @Test
  void theFieldIsHiddenFromSerializersAndSafeAcrossThreads() throws Exception {
    Field field = carrier().getDeclaredField(TetherField.NAME);
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
        .containsExactlyInAnyOrder("value", TetherField.NAME);
    Object sample = type.getConstructor(Object.class).newInstance("kept");
    assertThat(((Supplier<?>) sample).get()).isEqualTo("kept");
    // The generic signature names the added interface too, or reflection would disagree with
    // the class's own list of interfaces.
    assertThat(type.getGenericInterfaces()).hasSize(2);
    assertThat(type.getGenericInterfaces()[0]).isInstanceOf(ParameterizedType.class);
    assertThat(type.getGenericInterfaces()[1]).isEqualTo(TetherField.class);
  }

  @Test
  void aCarrierIsNotMadeOneTwiceAndAnInterfaceNever() throws Exception {
    byte[] once = ClassWeaver.weave(ClassFiles.of(TetherFieldSample.class), List.of(), true)
        .classFile();
    assertThat(ClassWeaver.weave(once, List.of(), true)).as("woven again").isNull();
    assertThat(ClassWeaver.weave(ClassFiles.of(Supplier.class), List.of(), true))
        .as("an interface").isNull();
    assertThat(ClassWeaver.weave(ClassFiles.of(TetherFieldSample.class), List.of(), false))
        .as("not asked").isNull();
  }

  private Class<?> carrier() throws Exception {
    ClassWeaver.Woven woven =
        ClassWeaver.weave(ClassFiles.of(TetherFieldSample.class), List.of(), true);
    assertThat(woven.methods()).containsExactly(TetherField.NAME + " (field)");
    assertThat(ClassFiles.verifierProblems(woven.classFile(), getClass().getClassLoader()))
        .isEmpty();
    return ClassFiles.withTetherField(TetherFieldSample.class);
  }
}
