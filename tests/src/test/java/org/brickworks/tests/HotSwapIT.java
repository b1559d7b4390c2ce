package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.brickworks.security.api.TokenService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Updates the security bundle (token service) to a new build while REST clients keep calling: no call fails, no token
 * is lost, and the new build's behaviour shows afterwards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends PlatformTestSupport {
    private static final String NEW_VERSION = "0.1.0.zhotswap";
    private static final String OLD_TOKEN = "\"dapi\" + randomHex(16)";
    private static final String NEW_TOKEN = "\"dapi\" + randomHex(24)";

    @Test
    public void updatingTheTokenServiceUnderLoadFailsNoRequestAndLosesNothing() throws Exception {
        String before = created();
        assertEquals(36, before.length());
        Load load = new Load(4);
        load.awaitRequests(200);

        Bundle security = bundle("org.brickworks.security");
        NewBuild build = new NewBuild(Features.ROOT.resolve("bundles/org.brickworks.security/src/main/java"),
                "org.brickworks.security.internal.TokenValues", OLD_TOKEN, NEW_TOKEN);
        security.update(new ByteArrayInputStream(build.of(Path.of(URI.create(security.getLocation())), NEW_VERSION)));
        refresh(security);
        await("the new token service", () -> NEW_VERSION.equals(tokenServiceVersion()));
        load.awaitRequests(load.requests.get() + 200);
        load.stop();

        assertTrue("failed requests during the update: " + load.failures, load.failures.isEmpty());
        assertEquals(200, get("/api/2.0/token/list", before).status());
        for (String token : load.createdTokens) {
            assertEquals("token created during the update must survive it", 200,
                    get("/api/2.0/token/list", token).status());
        }
        String after = created();
        assertEquals("the new build makes longer tokens", 52, after.length());
        assertEquals(200, get("/api/2.0/token/list", after).status());
    }

    private String created() throws Exception {
        return post("/api/2.0/token/create", admin, "{\"comment\":\"hot swap\"}").body().path("token_value").asText();
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refresh finished", refreshed.await(60, TimeUnit.SECONDS));
    }

    private String tokenServiceVersion() {
        ServiceReference<TokenService> reference = context.getServiceReference(TokenService.class);
        return reference == null ? null : reference.getBundle().getVersion().toString();
    }

    /** Clients calling the API in a loop: list with the admin token, now and then create a token. */
    private final class Load {
        final AtomicInteger requests = new AtomicInteger();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final Queue<String> createdTokens = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService clients;

        Load(int clients) {
            this.clients = Executors.newFixedThreadPool(clients);
            for (int i = 0; i < clients; i++) {
                this.clients.submit(this::call);
            }
        }

        private void call() {
            while (running.get()) {
                try {
                    int n = requests.incrementAndGet();
                    Answer answer = n % 10 == 0 ? post("/api/2.0/token/create", admin, "{\"comment\":\"during swap\"}")
                            : get("/api/2.0/token/list", admin);
                    if (answer.status() != 200) {
                        failures.add(answer.status() + " " + answer.body());
                    } else if (answer.body().has("token_value")) {
                        createdTokens.add(answer.body().path("token_value").asText());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }

        void awaitRequests(int count) {
            await(count + " requests", () -> requests.get() >= count);
        }

        void stop() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        }
    }
}
