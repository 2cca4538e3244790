package io.shpay.deploy;

import static io.shpay.deploy.HelmChart.at;
import static io.shpay.deploy.HelmChart.list;
import static io.shpay.deploy.HelmChart.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.shpay.deploy.HelmChart.Rendered;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * k8s/shpay.yaml, the plain manifests for operators without Helm, is the chart rendered with fixed
 * values and must stay byte for byte what the chart renders today.
 *
 * <p>Run with {@code -Dshpay.k8s.regenerate=true} to rewrite the file from the chart.
 */
class KubernetesManifestsTest {

  static final Path MANIFESTS = Paths.get("k8s", "shpay.yaml");

  /**
   * The values k8s/README.md documents: the chart's defaults, the Secret's name, a placeholder KFTC
   * consent callback (the default roles include openbanking), a placeholder NH institution code
   * (and payment), migrations at start-up.
   */
  static final Map<String, Object> VALUES = new LinkedHashMap<>();

  static {
    VALUES.put("existingSecret", "shpay-secrets");
    VALUES.put("config.kftc.redirectUri", "https://pay.example.com/api/v1/openbanking/callback");
    VALUES.put("config.nh.iscd", "000000");
    VALUES.put("migration.enabled", false);
  }

  private static final String REGENERATE = """
      After changing the chart, regenerate k8s/shpay.yaml with
        ./mvnw -q test -Dtest=KubernetesManifestsTest -Dshpay.k8s.regenerate=true
      (or: helm template shpay helm/shpay --set existingSecret=shpay-secrets \\
             --set config.kftc.redirectUri=https://pay.example.com/api/v1/openbanking/callback \\
             --set config.nh.iscd=000000 --set migration.enabled=false > k8s/shpay.yaml)
      and commit it with the chart change.""";

  @Test
  void theCommittedPlainManifestsAreExactlyTheChartRenderedWithTheDocumentedValues() throws IOException {
    String rendered = HelmChart.chart().templateText(null, VALUES);
    if (Boolean.getBoolean("shpay.k8s.regenerate")) {
      Files.writeString(MANIFESTS, rendered, StandardCharsets.UTF_8);
    }
    if (!Files.exists(MANIFESTS)) {
      fail("k8s/shpay.yaml is missing. " + REGENERATE);
    }
    String committed = Files.readString(MANIFESTS, StandardCharsets.UTF_8);
    if (!committed.equals(rendered)) {
      fail("k8s/shpay.yaml is not what helm/shpay renders. " + REGENERATE + "\n" + firstDifference(committed, rendered));
    }
  }

  @Test
  void thePlainManifestsMigrateAtStartUpSinceKubectlRunsNoHooksAndCarryNoSecret() {
    Rendered manifests = Rendered.parse(HelmChart.read(MANIFESTS));
    assertThat(manifests.names()).containsExactlyInAnyOrder(
        "PodDisruptionBudget/shpay-api", "ConfigMap/shpay", "Service/shpay", "Deployment/shpay-api",
        "Deployment/shpay-history-worker",
        "HorizontalPodAutoscaler/shpay-api", "NetworkPolicy/shpay-egress");
    assertThat(at(manifests.one("ConfigMap", "shpay"), "data.SHPAY_MYSQL_MIGRATE_ON_START")).isEqualTo("true");
    assertThat(manifests.text()).doesNotContain("helm.sh/hook");
    for (Map<String, Object> object : manifests.objects()) {
      assertThat(map(object.get("metadata"))).as("no namespace: kubectl apply -n chooses it").doesNotContainKey("namespace");
    }
    Map<String, Object> container = list(at(manifests.one("Deployment", "shpay-api"), "spec.template.spec.containers")).get(0);
    assertThat(list(container.get("env")))
        .filteredOn(variable -> variable.containsKey("valueFrom"))
        .allSatisfy(variable -> assertThat(at(variable, "valueFrom.secretKeyRef.name")).isEqualTo("shpay-secrets"));
    // The default roles, with open banking and payment: their keys must be in the Secret, and the
    // callback and the institution code are placeholders to replace.
    assertThat(list(container.get("env"))).contains(Map.of("name", "SHPAY_ROLES", "value", "api,user,openbanking,payment,chat"));
    assertThat(list(container.get("env")))
        .filteredOn(variable -> ((String) variable.get("name")).matches("SHPAY_(KFTC|OPENBANKING)_.*"))
        .extracting(variable -> at(variable, "valueFrom.secretKeyRef.key") + (at(variable, "valueFrom.secretKeyRef.optional") == null ? "" : " (optional)"))
        .containsExactly("kftc-client-id", "kftc-client-secret", "kftc-contract-account-num", "kftc-deposit-pass-phrase",
            "openbanking-token-encryption-key");
    assertThat(at(manifests.one("ConfigMap", "shpay"), "data.SHPAY_KFTC_REDIRECT_URI"))
        .isEqualTo("https://pay.example.com/api/v1/openbanking/callback");
    assertThat(list(container.get("env")))
        .filteredOn(variable -> ((String) variable.get("name")).startsWith("SHPAY_NH_"))
        .extracting(variable -> at(variable, "valueFrom.secretKeyRef.key") + (at(variable, "valueFrom.secretKeyRef.optional") == null ? "" : " (optional)"))
        .containsExactly("nh-access-token");
    assertThat(at(manifests.one("ConfigMap", "shpay"), "data.SHPAY_NH_ISCD")).isEqualTo("000000");
  }

  private static String firstDifference(String committed, String rendered) {
    String[] a = committed.split("\n", -1);
    String[] b = rendered.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String left = i < a.length ? a[i] : "<end of file>";
      String right = i < b.length ? b[i] : "<end of file>";
      if (!left.equals(right)) {
        return "First difference at line " + (i + 1) + ":\n  committed: " + left + "\n  rendered:  " + right;
      }
    }
    return "The files differ only in line endings.";
  }
}
