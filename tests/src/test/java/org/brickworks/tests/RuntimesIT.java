package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.brickworks.runtimes.api.RuntimeProvider;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.runtimes.api.RuntimeUsage;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Spark runtime versions contributed by plugin bundles: listed over REST and in the shell, live as bundles come and go,
 * installed and removed with bw:runtime-install and bw:runtime-remove or through the plugins/ folder.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimesIT extends PlatformTestSupport {
    private static final String SPARK35 = "15.4.x-scala2.12";
    private static final String SPARK40 = "17.3.x-scala2.13";
    /** What the Databricks SDKs' and Terraform's version selectors parse. */
    private static final Pattern KEY = Pattern.compile("^(\\d+\\.\\d+)\\.x-.*scala2\\.1\\d$");
    private static final Pattern NAME = Pattern
            .compile("^\\d+\\.\\d+ LTS \\(includes Apache Spark \\d+\\.\\d+\\.\\d+, Scala 2\\.1\\d\\)$");
    private static final String SPARK40_PLUGIN = "org.brickworks.runtime.spark40";
    /** The Spark 4.0 runtime plugin as the build made it: the same jar the product ships. */
    private static final Path SPARK40_JAR = Features.jar(Features.REPOSITORY.resolve("plugins"), SPARK40_PLUGIN);

    /** Every test leaves the Spark 4.0 plugin installed, whatever it removed. */
    @After
    public void spark40PluginIsBack() throws Exception {
        if (!installed(SPARK40_PLUGIN)) {
            shell("bw:runtime-install " + SPARK40_JAR);
        }
    }

    @Test
    public void sparkVersionsListsBothRuntimesInDatabricksForm() throws Exception {
        for (String api : new String[] { "2.0", "2.1" }) {
            Answer answer = get("/api/" + api + "/clusters/spark-versions", admin);
            assertEquals(answer.body().toString(), 200, answer.status());
            assertEquals(List.of(SPARK35, SPARK40), keys(answer.body()));
            for (JsonNode version : answer.body().path("versions")) {
                assertTrue(version.toString(), KEY.matcher(version.path("key").asText()).matches());
                assertTrue(version.toString(), NAME.matcher(version.path("name").asText()).matches());
            }
        }
        assertTrue(get("/api/2.0/clusters/spark-versions", admin).body().toString()
                .contains("\"name\":\"15.4 LTS (includes Apache Spark 3.5.7, Scala 2.12)\""));
        assertEquals(401, get("/api/2.0/clusters/spark-versions", null).status());
    }

    @Test
    public void shellListsBothRuntimesWithTheirVersions() throws Exception {
        String table = shell("bw:runtimes");
        assertTrue(table, table.startsWith("KEY"));
        assertTrue(table,
                table.matches("(?s).*" + Pattern.quote(SPARK35) + " +15\\.4 LTS.* +3\\.5\\.7 +2\\.12 +3\\.3\\.2\n.*"));
        assertTrue(table,
                table.matches("(?s).*" + Pattern.quote(SPARK40) + " +17\\.3 LTS.* +4\\.0\\.1 +2\\.13 +4\\.0\\.1\\s*"));
        assertTrue(shell("bw:help runtimes").contains("SYNTAX\n        bw:runtimes\n"));
    }

    @Test
    public void stoppingARuntimeBundleRemovesItsVersionAndStartingItBringsItBack() throws Exception {
        Bundle spark40 = bundle("org.brickworks.runtime.spark40");
        spark40.stop();
        try {
            await("17.3 to disappear", () -> keys().equals(List.of(SPARK35)));
            assertFalse(shell("bw:runtimes").contains(SPARK40));
        } finally {
            spark40.start();
        }
        await("17.3 to come back", () -> keys().equals(List.of(SPARK35, SPARK40)));
    }

    @Test
    public void removingARuntimeUninstallsItsPluginAndInstallingTheJarBringsItBack() throws Exception {
        String removed = shell("bw:runtime-remove " + SPARK40).trim();
        assertTrue(removed, removed.matches("Removed " + Pattern.quote(SPARK40_PLUGIN) + " 0\\.1\\.0\\.\\w+: "
                + Pattern.quote(SPARK40)));
        assertEquals("removal is done when the command returns", List.of(SPARK35), keys());
        assertFalse(installed(SPARK40_PLUGIN));
        assertEquals("Unknown Spark version " + SPARK40 + "; known versions: " + SPARK35,
                failure("bw:runtime-remove " + SPARK40));

        String installed = shell("bw:runtime-install " + SPARK40_JAR).trim();
        assertTrue(installed, installed.matches("Installed " + Pattern.quote(SPARK40_PLUGIN)
                + " 0\\.1\\.0\\.\\w+: " + Pattern.quote(SPARK40)));
        assertEquals("installation is done when the command returns", List.of(SPARK35, SPARK40), keys());
        try (InputStream agent = registry().agentJar(SPARK40).openStream()) {
            assertTrue("the reinstalled plugin serves its driver agent jar", agent.readAllBytes().length > 10_000);
        }
        String again = failure("bw:runtime-install " + SPARK40_JAR);
        assertTrue(again, again.matches(Pattern.quote(SPARK40_PLUGIN)
                + " 0\\.1\\.0\\.\\w+ is already installed \\(bundle \\d+\\); remove it first with bw:runtime-remove"));
    }

    @Test
    public void aPluginDroppedIntoPluginsIsOfferedAndRemovingItDeletesItsFile() throws Exception {
        shell("bw:runtime-remove 17.2.x-scala2.13"); // an alias of 17.3
        assertEquals(List.of(SPARK35), keys());
        Path plugins = Path.of(context.getProperty("brickworks.home"), "plugins");
        Path dropped = Files.copy(SPARK40_JAR, plugins.resolve("spark40.jar"));
        await("17.3 from plugins/", () -> keys().equals(List.of(SPARK35, SPARK40)));

        assertTrue(shell("bw:runtime-remove " + SPARK40).startsWith("Removed " + SPARK40_PLUGIN));
        assertFalse("the plugin's file is gone from plugins/", Files.exists(dropped));
        assertEquals(List.of(SPARK35), keys());
        // A bundle dropped now is installed by a later scan of plugins/: one that has not brought 17.3 back.
        Path marker = TestJars.withManifest(plugins.resolve("marker.jar"), "Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "org.brickworks.tests.marker", "Bundle-Version", "1.0.0");
        await("File Install to scan plugins/ again", () -> installed("org.brickworks.tests.marker"));
        assertFalse(installed(SPARK40_PLUGIN));
        assertEquals(List.of(SPARK35), keys());
        Files.delete(marker);
        await("the marker bundle to go", () -> !installed("org.brickworks.tests.marker"));
    }

    @Test
    public void removalIsRefusedWhileAClusterUsesTheRuntime() throws Exception {
        // What the clusters service reports: a cluster naming 17.3 by one of its aliases.
        RuntimeUsage clusters = runtime -> runtime.aliases().contains("17.2.x-scala2.13")
                ? List.of("cluster 1201-000000-abcdefgh (dev, RUNNING)")
                : List.of();
        ServiceRegistration<RuntimeUsage> usage = context.registerService(RuntimeUsage.class, clusters, null);
        try {
            assertEquals("Cannot remove " + SPARK40_PLUGIN + " while it is in use: cluster 1201-000000-abcdefgh (dev, "
                    + "RUNNING) uses " + SPARK40, failure("bw:runtime-remove " + SPARK40));
            assertTrue(installed(SPARK40_PLUGIN));
            assertEquals(List.of(SPARK35, SPARK40), keys());
            shell("bw:runtime-remove " + SPARK35); // not in use
            assertEquals(List.of(SPARK40), keys());
            shell("bw:runtime-install " + Features.jar(Features.REPOSITORY.resolve("plugins"),
                    "org.brickworks.runtime.spark35"));
        } finally {
            usage.unregister();
        }
        assertEquals(List.of(SPARK35, SPARK40), keys());
        shell("bw:runtime-remove " + SPARK40);
        assertFalse("once nobody uses it, it goes", installed(SPARK40_PLUGIN));
    }

    @Test
    public void whatIsNoRuntimePluginIsRefusedAndLeavesNothingBehind() throws Exception {
        int bundles = context.getBundles().length;
        Path plain = TestJars.withManifest(Files.createTempFile("plain", ".jar"), "Implementation-Title", "plain");
        assertEquals(plain + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName",
                failure("bw:runtime-install " + plain));
        assertEquals("No file " + Path.of("nope.jar").toAbsolutePath() + ", and nope.jar is not Maven coordinates "
                + "group:artifact:version either", failure("bw:runtime-install nope.jar"));
        // A bundle from Maven Central that starts but offers no runtime, and one that does not resolve here.
        assertEquals("org.osgi.service.servlet is not a runtime plugin: it registered no RuntimeProvider within 10 s",
                failure("bw:runtime-install org.osgi:org.osgi.service.servlet:2.0.0"));
        String unresolved = failure("bw:runtime-install org.apache.commons:commons-text:1.12.0");
        assertTrue(unresolved, unresolved.startsWith(
                "org.apache.commons.text from org.apache.commons:commons-text:1.12.0 does not start: "));
        assertTrue(unresolved, unresolved.contains("org.apache.commons.lang3") && !unresolved.contains("\n"));
        // A second plugin offering a key another plugin offers already.
        Path copy = TestJars.renamed(SPARK40_JAR, "org.brickworks.tests.spark40copy",
                Files.createTempFile("spark40copy", ".jar"));
        assertEquals("org.brickworks.tests.spark40copy offers no valid runtime: " + SPARK40 + " is already offered by "
                + SPARK40_PLUGIN, failure("bw:runtime-install " + copy));

        assertEquals("every refused bundle is uninstalled again", bundles, context.getBundles().length);
        assertFalse(installed("org.osgi.service.servlet") || installed("org.apache.commons.text")
                || installed("org.brickworks.tests.spark40copy"));
        assertEquals(List.of(SPARK35, SPARK40), keys());
        assertEquals(SPARK40_PLUGIN, providerBundle(SPARK40));
    }

    private RuntimeRegistry registry() {
        return context.getService(context.getServiceReference(RuntimeRegistry.class));
    }

    private String providerBundle(String key) throws Exception {
        for (ServiceReference<?> reference : context.getServiceReferences(RuntimeProvider.class,
                "(" + RuntimeProvider.KEY_PROPERTY + "=" + key + ")")) {
            return reference.getBundle().getSymbolicName();
        }
        return null;
    }

    private boolean installed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return true;
            }
        }
        return false;
    }

    private List<String> keys() {
        try {
            return keys(get("/api/2.0/clusters/spark-versions", admin).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> keys(JsonNode sparkVersions) {
        List<String> keys = new ArrayList<>();
        sparkVersions.path("versions").forEach(version -> keys.add(version.path("key").asText()));
        return keys;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().equals(symbolicName)) {
                return bundle;
            }
        }
        throw new AssertionError("No bundle " + symbolicName);
    }

}
