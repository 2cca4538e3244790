package io.shpay.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code helm/shpay} chart driven through helm-java: the real Helm engine (a native library in
 * the test jar), no helm binary and no cluster. Renders are parsed into plain maps and lists.
 *
 * <p>helm-java's {@code template} returns the release manifest without hook resources (the helm
 * CLI prints both). To look at the migration Job, {@link #withVisibleHooks()} renders a copy of the
 * chart whose {@code helm.sh/hook*} annotation keys are renamed to {@link #VISIBLE_HOOK_PREFIX}, so
 * Helm treats the Job as a regular object and the test can read the annotations it would have had.
 * helm-java's {@code lint} takes no values, so linting with values lints a copy of the chart whose
 * values.yaml is the chart's own merged with them (as Helm merges {@code -f} files).
 */
final class HelmChart {

  static final Path CHART = Paths.get("helm", "shpay");
  static final Path PRODUCTION_VALUES = CHART.resolve("values-production.yaml");
  static final String RELEASE = "shpay";
  static final String VISIBLE_HOOK_PREFIX = "visible-in-test/hook";

  private final Path chart;

  private HelmChart(Path chart) {
    this.chart = chart;
  }

  static HelmChart chart() {
    return new HelmChart(CHART);
  }

  /** A copy of the chart in which hooks render as regular objects (see the class comment). */
  static HelmChart withVisibleHooks() {
    Path copy = copyOfChart();
    try (Stream<Path> templates = Files.list(copy.resolve("templates"))) {
      for (Path template : templates.toList()) {
        String text = Files.readString(template);
        Files.writeString(template, text.replace("helm.sh/hook", VISIBLE_HOOK_PREFIX));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new HelmChart(copy);
  }

  /** A copy of the chart without values.schema.json: what the templates do when no schema checks first. */
  static HelmChart withoutSchema() {
    Path copy = copyOfChart();
    try {
      Files.delete(copy.resolve("values.schema.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new HelmChart(copy);
  }

  /** {@code helm template shpay <chart> [-f file] [--set key=value]...}: the raw output. */
  String templateText(Path valuesFile, Map<String, ?> sets) {
    TemplateCommand command = new Helm(chart).template().withName(RELEASE);
    if (valuesFile != null) {
      command = command.withValuesFile(valuesFile.toAbsolutePath());
    }
    for (var set : sets.entrySet()) {
      command = command.set(set.getKey(), set.getValue());
    }
    return command.call();
  }

  /**
   * The release notes (templates/NOTES.txt) as {@code helm install --dry-run} prints them: a
   * client-only dry run, no cluster.
   */
  String notes(Path valuesFile, Map<String, ?> sets) {
    InstallCommand command = new Helm(chart).install().withName(RELEASE).withNamespace("shpay").dryRun().clientOnly();
    if (valuesFile != null) {
      command = command.withValuesFile(valuesFile.toAbsolutePath());
    }
    for (var set : sets.entrySet()) {
      command = command.set(set.getKey(), set.getValue());
    }
    return command.call().getOutput();
  }

  Rendered template(Path valuesFile, Map<String, ?> sets) {
    return Rendered.parse(templateText(valuesFile, sets));
  }

  Rendered template(Map<String, ?> sets) {
    return template(null, sets);
  }

  /** {@code helm lint} on the chart as it is (its values.yaml alone). */
  LintResult lint() {
    return new Helm(chart).lint().strict().call();
  }

  /** {@code helm lint -f valuesFile --set ...}: lints a copy whose values.yaml carries the merged values. */
  static LintResult lintWith(Path valuesFile, Map<String, Object> sets) {
    Map<String, Object> values = readYamlMap(CHART.resolve("values.yaml"));
    if (valuesFile != null) {
      merge(values, readYamlMap(valuesFile));
    }
    sets.forEach((key, value) -> setPath(values, key, value));
    Path copy = copyOfChart();
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    try {
      Files.writeString(copy.resolve("values.yaml"), new Yaml(options).dump(values));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Helm(copy).lint().strict().call();
  }

  static Map<String, Object> readYamlMap(Path file) {
    try {
      Map<String, Object> map = yaml().load(Files.readString(file));
      return map == null ? new LinkedHashMap<>() : map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Yaml yaml() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> base, Map<String, Object> overlay) {
    overlay.forEach((key, value) -> {
      if (value instanceof Map<?, ?> map && base.get(key) instanceof Map<?, ?> existing) {
        merge((Map<String, Object>) existing, (Map<String, Object>) map);
      } else if (value == null) {
        base.remove(key);
      } else {
        base.put(key, value);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static void setPath(Map<String, Object> values, String dottedKey, Object value) {
    String[] parts = dottedKey.split("\\.");
    Map<String, Object> current = values;
    for (int i = 0; i < parts.length - 1; i++) {
      current = (Map<String, Object>) current.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
    }
    current.put(parts[parts.length - 1], value);
  }

  /**
   * A fresh copy of helm/shpay under target/chart-copies (gone with `mvnw clean`), in a directory
   * also named shpay, as the chart's own.
   */
  private static Path copyOfChart() {
    try {
      Path scratch = Files.createDirectories(Paths.get("target", "chart-copies"));
      Path target = Files.createTempDirectory(scratch, "copy-").resolve("shpay");
      try (Stream<Path> files = Files.walk(CHART)) {
        for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
          Path destination = target.resolve(CHART.relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(destination);
          } else {
            Files.copy(source, destination);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A render: the objects of a multi-document YAML stream, in order. */
  record Rendered(String text, List<Map<String, Object>> objects) {

    @SuppressWarnings("unchecked")
    static Rendered parse(String text) {
      List<Map<String, Object>> objects = new ArrayList<>();
      for (Object document : yaml().loadAll(text)) {
        if (document != null) {
          objects.add((Map<String, Object>) document);
        }
      }
      return new Rendered(text, List.copyOf(objects));
    }

    List<Map<String, Object>> all(String kind) {
      return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Map<String, Object> one(String kind, String name) {
      List<Map<String, Object>> matches = all(kind).stream()
          .filter(o -> name.equals(at(o, "metadata.name")))
          .toList();
      if (matches.size() != 1) {
        throw new AssertionError("Expected one " + kind + " named " + name + " but found " + matches.size()
            + "; rendered: " + names());
      }
      return matches.get(0);
    }

    List<String> names() {
      return objects.stream().map(o -> o.get("kind") + "/" + at(o, "metadata.name")).toList();
    }

    /** Every pod template: Deployments' and Jobs'. */
    List<Map<String, Object>> podSpecs() {
      List<Map<String, Object>> specs = new ArrayList<>();
      for (Map<String, Object> object : objects) {
        if (List.of("Deployment", "Job").contains(object.get("kind"))) {
          specs.add(map(at(object, "spec.template.spec")));
        }
      }
      return specs;
    }
  }

  private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  /**
   * A value inside parsed YAML by path: {@code spec.template.spec.containers[0].ports[0].containerPort}.
   * Keys containing dots go in {@code ['...']}: {@code metadata.annotations['prometheus.io/port']}.
   */
  static Object at(Object root, String path) {
    Object current = root;
    int i = 0;
    while (i < path.length() && current != null) {
      if (path.startsWith("['", i)) {
        int end = path.indexOf("']", i);
        current = ((Map<?, ?>) current).get(path.substring(i + 2, end));
        i = end + 2;
      } else if (path.charAt(i) == '.') {
        i++;
      } else {
        Matcher m = SEGMENT.matcher(path);
        if (!m.find(i) || m.start() != i) {
          throw new IllegalArgumentException("Bad path " + path + " at " + i);
        }
        if (m.group(1) != null) {
          current = ((Map<?, ?>) current).get(m.group(1));
        } else {
          List<?> list = (List<?>) current;
          int index = Integer.parseInt(m.group(2));
          current = index < list.size() ? list.get(index) : null;
        }
        i = m.end();
      }
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
