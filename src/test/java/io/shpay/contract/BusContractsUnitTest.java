package io.shpay.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.payment.PaymentService;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event-bus contracts keep one style: every {@code @ProxyGen} service takes and answers basic values (strings,
 * numbers, booleans, enums, lists of them) or {@code @DataObject} classes with typed fields, never a raw
 * {@link JsonObject} or {@link JsonArray}, and no data object is a JSON bag (a {@code JsonObject} field read back by
 * name). A contract written otherwise fails here, naming the method or class.
 */
class BusContractsUnitTest {

  /** The services SH Pay runs on the bus today: the scan below must find at least these. */
  private static final Set<String> KNOWN_SERVICES = Set.of("ChatService", "HistoryService", "OpenBankingService",
      "PaymentService", "SessionService", "UserService", "WebhookService");
  private static final Set<Class<?>> BASIC = Set.of(String.class, Boolean.class, Integer.class, Long.class,
      Double.class, Short.class, Float.class, Byte.class, Character.class, Void.class);
  private static final Set<Class<?>> CONTAINERS = Set.of(Future.class, List.class, Set.class);

  private static List<Class<?>> services;

  @BeforeAll
  static void findServices() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(PaymentService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("io/shpay"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
            .replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name, false, BusContractsUnitTest.class.getClassLoader());
        if (type.isInterface() && type.isAnnotationPresent(ProxyGen.class)) {
          found.add(type);
        }
      }
    }
    services = found;
  }

  @Test
  void theScanFindsEveryServiceOnTheBus() {
    assertThat(services).extracting(Class::getSimpleName).containsAll(KNOWN_SERVICES);
  }

  @Test
  void serviceMethodsTakeAndAnswerOnlyBasicValuesAndDataObjects() {
    List<String> offences = new ArrayList<>();
    for (Class<?> service : services) {
      for (Method method : service.getDeclaredMethods()) {
        if (Modifier.isStatic(method.getModifiers()) || method.isSynthetic()) {
          continue;
        }
        String where = service.getSimpleName() + "." + method.getName();
        check(method.getGenericReturnType(), where + " answers", offences);
        Type[] parameters = method.getGenericParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
          check(parameters[i], where + " parameter " + (i + 1), offences);
        }
      }
    }
    assertThat(offences).as("bus contracts that are not basic values or data objects").isEmpty();
  }

  @Test
  void noDataObjectOnTheBusIsAJsonBag() {
    List<String> offences = new ArrayList<>();
    for (Class<?> dataObject : dataObjectsReached()) {
      for (Field field : dataObject.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Set<Class<?>> kinds = new LinkedHashSet<>();
        classesIn(field.getGenericType(), kinds);
        if (kinds.contains(JsonObject.class) || kinds.contains(JsonArray.class) || kinds.contains(Map.class)
            || kinds.contains(Object.class)) {
          offences.add(dataObject.getSimpleName() + "." + field.getName() + " is " + field.getGenericType().getTypeName());
        }
      }
    }
    assertThat(offences).as("data object fields holding untyped JSON").isEmpty();
  }

  @Test
  void theChecksRefuseRawJsonAndJsonBags() throws NoSuchMethodException {
    List<String> offences = new ArrayList<>();
    check(Drifted.class.getDeclaredMethod("movements", String.class, JsonObject.class).getGenericParameterTypes()[1],
        "Drifted.movements parameter 2", offences);
    check(Drifted.class.getDeclaredMethod("items").getGenericReturnType(), "Drifted.items answers", offences);
    assertThat(offences).hasSize(2);
    Set<Class<?>> kinds = new LinkedHashSet<>();
    classesIn(Bag.class.getDeclaredFields()[0].getGenericType(), kinds);
    assertThat(kinds).contains(JsonObject.class);
  }

  /** What the checks must refuse: the style this test keeps from coming back. */
  private interface Drifted {
    Future<JsonObject> movements(String userId, JsonObject query);

    Future<List<JsonArray>> items();
  }

  private static final class Bag {
    private final JsonObject json = new JsonObject();
  }

  private static void check(Type type, String where, List<String> offences) {
    Set<Class<?>> kinds = new LinkedHashSet<>();
    classesIn(type, kinds);
    for (Class<?> kind : kinds) {
      boolean allowed = kind.isPrimitive() || BASIC.contains(kind) || kind.isEnum() || CONTAINERS.contains(kind)
          || kind.isAnnotationPresent(DataObject.class);
      if (!allowed) {
        offences.add(where + " " + type.getTypeName() + " (" + kind.getSimpleName() + " is neither a basic value nor a"
            + " data object)");
      }
    }
  }

  private static void classesIn(Type type, Set<Class<?>> into) {
    if (type instanceof Class<?> kind) {
      into.add(kind);
    } else if (type instanceof ParameterizedType parameterized) {
      classesIn(parameterized.getRawType(), into);
      for (Type argument : parameterized.getActualTypeArguments()) {
        classesIn(argument, into);
      }
    } else {
      into.add(Object.class);
    }
  }

  /** Every data object a service takes or answers, and the data objects inside those, transitively. */
  private static Set<Class<?>> dataObjectsReached() {
    Set<Class<?>> reached = new LinkedHashSet<>();
    List<Class<?>> toVisit = new ArrayList<>();
    for (Class<?> service : services) {
      for (Method method : service.getDeclaredMethods()) {
        Set<Class<?>> kinds = new LinkedHashSet<>();
        classesIn(method.getGenericReturnType(), kinds);
        for (Type parameter : method.getGenericParameterTypes()) {
          classesIn(parameter, kinds);
        }
        kinds.stream().filter(kind -> kind.isAnnotationPresent(DataObject.class)).forEach(toVisit::add);
      }
    }
    while (!toVisit.isEmpty()) {
      Class<?> next = toVisit.remove(toVisit.size() - 1);
      if (!reached.add(next)) {
        continue;
      }
      for (Field field : next.getDeclaredFields()) {
        Set<Class<?>> kinds = new LinkedHashSet<>();
        classesIn(field.getGenericType(), kinds);
        kinds.stream().filter(kind -> kind.isAnnotationPresent(DataObject.class)).forEach(toVisit::add);
      }
    }
    assertThat(reached).as("data objects found through the services").isNotEmpty();
    return reached;
  }
}
