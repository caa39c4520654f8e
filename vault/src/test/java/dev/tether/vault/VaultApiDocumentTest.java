package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.core.wire.WireJson;
import dev.tether.vault.internal.http.JsonRequests;
import dev.tether.vault.internal.http.RequestRejected;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docs/vault-api.yaml cannot drift from the code: it parses, it lists exactly the routes the
 * Vault's router serves, every {@code $ref} resolves, and each JSON request schema is closed and
 * has exactly the fields, and the required ones, that the Vault decodes, with examples the Vault
 * accepts (and answers whose examples core's codec reads).
 */
class VaultApiDocumentTest {

  private static final Path DOCUMENT = Path.of("..", "docs", "vault-api.yaml");
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WIRE = "dev.tether.core.wire.";

  private static Map<String, Object> api;

  @BeforeAll
  static void read() throws IOException {
    assertThat(DOCUMENT).as("run from the vault module").exists();
    api = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(DOCUMENT));
  }

  @Test
  void isOpenApi31WithTheVaultsErrorObject() {
    assertThat(api.get("openapi")).isEqualTo("3.1.0");
    Map<String, Object> error = schema("VaultError");
    assertThat(error.get("additionalProperties")).isEqualTo(false);
    assertThat(map(error, "properties").keySet()).containsExactly("error", "message");
    assertThat(list(error, "required")).containsExactly("error", "message");
    assertThat(map(map(api, "components"), "securitySchemes").keySet())
        .contains("agentToken", "orchestratorToken", "resourceServerToken", "workloadProof");
  }

  @Test
  void listsExactlyTheRoutesTheVaultServes() {
    List<String> documented = new ArrayList<>();
    map(api, "paths").forEach((path, item) -> {
      for (String method : METHODS) {
        if (((Map<?, ?>) item).containsKey(method)) {
          documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
        }
      }
    });

    // Local mode with web identity serves every route: the local STS's and the issuer's too.
    try (TetherVault vault =
        TetherVault.start(TokenFlow.settings().withWebIdentity(WebIdentity.local()))) {
      assertThat(documented).containsExactlyInAnyOrderElementsOf(vault.routes());
    }
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(api, refs);

    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/components/");
      Object target = api;
      for (String part : ref.substring(2).split("/")) {
        target = ((Map<?, ?>) target).get(part);
        assertThat(target).as(ref).isNotNull();
      }
    }
  }

  @Test
  void everyJsonRequestSchemaIsClosedAndIsWhatTheVaultDecodes() throws Exception {
    int checked = 0;
    for (Map.Entry<String, Map<String, Object>> operation : operations().entrySet()) {
      Map<String, Object> body = map(operation.getValue(), "requestBody");
      if (body == null || !map(body, "content").containsKey("application/json")) {
        continue;
      }
      Map<String, Object> media = map(map(body, "content"), "application/json");
      String name = refName(map(media, "schema"));
      Class<?> type = Class.forName(WIRE + name);
      assertThat(media.get("example")).as(operation.getKey() + " has an example").isNotNull();

      assertMatches(operation.getKey(), name, type, map(media, "example"));
      checked++;
    }
    assertThat(checked).isEqualTo(9);
  }

  @Test
  void nestedEvidenceIsWhatTheVaultDecodes() throws Exception {
    Map<String, Object> redeem = example("POST /v1/tasks");
    Map<String, Object> evidence = map(redeem, "evidence");
    Map<String, Object> schema = schema("Evidence");
    assertThat(schema.get("additionalProperties")).isEqualTo(false);

    assertThat(map(schema, "properties").keySet()).containsExactlyInAnyOrderElementsOf(
        evidence.keySet());
    for (String field : evidence.keySet()) {
      Map<String, Object> without = new LinkedHashMap<>(redeem);
      Map<String, Object> nested = new LinkedHashMap<>(evidence);
      nested.remove(field);
      without.put("evidence", nested);
      assertThat(catchThrowableOfType(RequestRejected.class,
          () -> decode(without, Class.forName(WIRE + "RedeemRequest"))).getMessage())
          .as("Evidence requires %s", field).contains("'" + field + "'");
      assertThat(list(schema, "required")).contains(field);
    }
  }

  @Test
  void theLimitsTheVaultChecksFirstAreTheDocumentsLimits() throws Exception {
    Map<String, Object> redeem = example("POST /v1/tasks");
    Class<?> type = Class.forName(WIRE + "RedeemRequest");
    int agentMax = integer(map(map(schema("RedeemRequest"), "properties"), "agent"), "maxLength");
    int kindMax = integer(schema("EvidenceKind"), "maxLength");
    int nonceMax = integer(map(map(schema("Evidence"), "properties"), "nonce"), "maxLength");

    assertThatCode(() -> decode(with(redeem, "agent", "a".repeat(agentMax)), type))
        .doesNotThrowAnyException();
    assertThatCode(() -> decode(with(redeem, "agent", "a".repeat(agentMax + 1)), type))
        .isInstanceOf(RequestRejected.class);
    assertThatCode(() -> decode(withEvidence(redeem, "kind", "k".repeat(kindMax)), type))
        .doesNotThrowAnyException();
    assertThatCode(() -> decode(withEvidence(redeem, "kind", "k".repeat(kindMax + 1)), type))
        .isInstanceOf(RequestRejected.class);
    assertThatCode(() -> decode(withEvidence(redeem, "nonce", "n".repeat(nonceMax)), type))
        .doesNotThrowAnyException();
    assertThatCode(() -> decode(withEvidence(redeem, "nonce", "n".repeat(nonceMax + 1)), type))
        .isInstanceOf(RequestRejected.class);
  }

  @Test
  void answerExamplesAreWhatCoreReads() throws Exception {
    int checked = 0;
    for (Map.Entry<String, Map<String, Object>> operation : operations().entrySet()) {
      Map<String, Object> ok = map(map(operation.getValue(), "responses"), "200");
      Map<String, Object> content = ok == null ? null : map(ok, "content");
      Map<String, Object> media = content == null ? null : map(content, "application/json");
      if (media == null || map(media, "schema").get("$ref") == null) {
        continue;
      }
      String name = refName(map(media, "schema"));
      Class<?> type;
      try {
        type = Class.forName(WIRE + name);
      } catch (ClassNotFoundException notWire) {
        continue; // the introspection answer: a plain map
      }
      byte[] example = JSON.writeValueAsBytes(media.get("example"));
      Object read = WireJson.read(example, type);
      Set<String> written = fieldNames(JSON.readTree(WireJson.write(read)));
      Map<String, Object> schema = schema(name);
      assertThat(schema.get("additionalProperties")).as(name).isEqualTo(false);
      assertThat(map(schema, "properties").keySet()).as(name).containsAll(written);
      assertThat(written).as(name).containsAll(list(schema, "required"));
      checked++;
    }
    assertThat(checked).isEqualTo(9);
  }

  @Test
  void theListingAndHealthAnswersAreWhatTheDocumentSays() throws Exception {
    try (TetherVault vault = TetherVault.start(TokenFlow.settings())) {
      TokenFlow flow = new TokenFlow(vault);
      VaultHttp http = new VaultHttp(vault.url());
      assertThat(flow.exchange(TokenFlow.toolCall(flow.task("read_file"), "read_file", "c-1"), 0)
          .statusCode()).isEqualTo(200);

      JsonNode issuance = VaultHttp.json(http.get("/v1/issuances", vault.agentToken())).get(0);
      assertClosedObject("Issuance", issuance);
      assertClosedObject("ChainLink", issuance.get("layers").get(0));
      assertClosedObject("Health", VaultHttp.json(http.get("/healthz", null)));
    }
  }

  // An answer has every required field of its schema, and no field the schema lacks.
  private static void assertClosedObject(String name, JsonNode answer) {
    Map<String, Object> schema = schema(name);
    Set<String> fields = fieldNames(answer);
    assertThat(schema.get("additionalProperties")).as(name).isEqualTo(false);
    assertThat(map(schema, "properties").keySet()).as(name).containsAll(fields);
    assertThat(fields).as(name).containsAll(list(schema, "required"));
  }

  @Test
  void theIntrospectionFormIsTheOneTheEndpointTakes() {
    Map<String, Object> schema = schema("IntrospectionRequest");
    Map<String, Object> properties = map(schema, "properties");

    assertThat(schema.get("additionalProperties")).isEqualTo(false);
    assertThat(properties.keySet()).containsExactlyInAnyOrder("token", "token_type_hint");
    assertThat(list(schema, "required")).containsExactly("token");
    assertThat(integer(map(properties, "token"), "maxLength")).isEqualTo(512);
    assertThat(integer(map(properties, "token_type_hint"), "maxLength")).isEqualTo(64);
  }

  // A request schema against the record: the same fields, the same required ones, closed.
  private static void assertMatches(
      String operation, String name, Class<?> type, Map<String, Object> example) throws Exception {
    Map<String, Object> schema = schema(name);
    Object decoded = decode(example, type);
    Set<String> written = fieldNames(JSON.readTree(WireJson.write(decoded)));
    Set<String> properties = map(schema, "properties").keySet();
    List<String> required = list(schema, "required");

    assertThat(schema.get("additionalProperties")).as(name).isEqualTo(false);
    assertThat(properties).as(operation + ": " + name + " fields")
        .containsExactlyInAnyOrderElementsOf(written);
    for (String field : properties) {
      Map<String, Object> without = new LinkedHashMap<>(example);
      without.remove(field);
      if (required.contains(field)) {
        RequestRejected rejected =
            catchThrowableOfType(RequestRejected.class, () -> decode(without, type));
        assertThat(rejected).as("%s requires %s", name, field).isNotNull();
        assertThat(rejected.getMessage()).contains("'" + field + "'");
      } else {
        assertThatCode(() -> decode(without, type)).as("%s: %s is optional", name, field)
            .doesNotThrowAnyException();
      }
    }
    Map<String, Object> unknown = new LinkedHashMap<>(example);
    unknown.put("x_unknown", 1);
    assertThat(catchThrowableOfType(RequestRejected.class, () -> decode(unknown, type))
        .getMessage()).contains("unknown field 'x_unknown' in " + name);
  }

  private static Object decode(Map<String, Object> json, Class<?> type) throws Exception {
    return JsonRequests.decode(JSON.writeValueAsBytes(json), type);
  }

  private static Map<String, Object> with(Map<String, Object> json, String field, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(json);
    copy.put(field, value);
    return copy;
  }

  private static Map<String, Object> withEvidence(
      Map<String, Object> redeem, String field, Object value) {
    return with(redeem, "evidence", with(map(redeem, "evidence"), field, value));
  }

  private static Map<String, Object> example(String operation) {
    Map<String, Object> body = map(operations().get(operation), "requestBody");
    return map(map(map(body, "content"), "application/json"), "example");
  }

  private static Map<String, Map<String, Object>> operations() {
    Map<String, Map<String, Object>> all = new LinkedHashMap<>();
    map(api, "paths").forEach((path, item) -> {
      for (String method : METHODS) {
        Object operation = ((Map<?, ?>) item).get(method);
        if (operation != null) {
          all.put(method.toUpperCase(Locale.ROOT) + " " + path, cast(operation));
        }
      }
    });
    return all;
  }

  private static Map<String, Object> schema(String name) {
    return map(map(map(api, "components"), "schemas"), name);
  }

  private static String refName(Map<String, Object> schema) {
    String ref = (String) schema.get("$ref");
    assertThat(ref).startsWith("#/components/schemas/");
    return ref.substring("#/components/schemas/".length());
  }

  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if ("$ref".equals(entry.getKey())) {
          refs.add((String) entry.getValue());
        } else {
          collectRefs(entry.getValue(), refs);
        }
      }
    } else if (node instanceof List<?> list) {
      list.forEach(element -> collectRefs(element, refs));
    }
  }

  private static Set<String> fieldNames(JsonNode object) {
    Set<String> names = new HashSet<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static int integer(Map<String, Object> schema, String key) {
    return ((Number) schema.get(key)).intValue();
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return cast(parent.get(key));
  }

  @SuppressWarnings("unchecked") // SnakeYAML's safe constructor makes maps, lists and scalars
  private static Map<String, Object> cast(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    return value == null ? List.of() : (List<String>) value;
  }
}
