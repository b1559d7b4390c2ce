package org.brickworks.rest.standby.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.brickworks.rest.standby.internal.PendingRoutes.Kind;
import org.brickworks.rest.standby.internal.PendingRoutes.Route;
import org.junit.jupiter.api.Test;

class PendingRoutesTest {
    private static final long REST = 42;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String[] NOTHING = {};
    private static final String[] DEFAULT_SERVLET = { "/" };
    private static final Route TOKENS = new Route(Kind.PATTERN, null, "/api/2.0/token/*", REST);
    private static final Route CONTEXT = new Route(Kind.CONTEXT, "brickworks", "/", REST);

    private final AtomicLong now = new AtomicLong();
    private final PendingRoutes pending = new PendingRoutes(Duration.ofSeconds(1), now::get);

    @Test
    void whileNothingWentAwayNothingIsHeldAndItIsQuiet() {
        assertThat(pending.quiet()).isTrue();
        assertThat(pending.holds("/api/2.0/token/list", NOTHING)).isFalse();
    }

    @Test
    void aRequestWaitsForARemovedPatternThatWouldServeIt() {
        pending.removed(TOKENS, PATIENCE);

        assertThat(pending.quiet()).isFalse();
        assertThat(pending.holds("/api/2.0/token/list", NOTHING)).isTrue();
        assertThat(pending.holds("/api/2.0/token/list", DEFAULT_SERVLET)).isTrue();
        assertThat(pending.holds("/api/2.0/token/list", new String[] { "/api/*" })).isTrue();
        assertThat(pending.holds("/api/2.0/token/list", new String[] { "/api/2.0/token/*" })).isFalse();
        assertThat(pending.holds("/api/2.0/clusters/list", new String[] { "/api/2.0/clusters/*" })).isFalse();
        assertThat(pending.holds("/api/2.0/clusters/list", NOTHING)).isFalse();
    }

    @Test
    void aRequestWaitsForARemovedContextWhileOnlyTheDefaultServletWouldServeIt() {
        pending.removed(CONTEXT, PATIENCE);

        assertThat(pending.holds("/api/2.0/acme/ping", NOTHING)).isTrue();
        assertThat(pending.holds("/api/2.0/acme/ping", DEFAULT_SERVLET)).isTrue();
        assertThat(pending.holds("/api/2.0/acme/ping", new String[] { "/api/2.0/acme/*" })).isFalse();
    }

    @Test
    void aRouteThatIsBackStaysPendingForTheGraceOnly() {
        pending.removed(TOKENS, PATIENCE);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        pending.added(TOKENS);

        assertThat(pending.holds("/api/2.0/token/list", NOTHING)).isTrue();
        now.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThat(pending.holds("/api/2.0/token/list", NOTHING)).isFalse();
        assertThat(pending.quiet()).isTrue();
    }

    @Test
    void aRouteThatDoesNotComeBackIsGivenUpAfterThePatience() {
        pending.removed(TOKENS, PATIENCE);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(pending.holds("/api/2.0/token/list", NOTHING)).isTrue();

        now.addAndGet(1);
        assertThat(pending.holds("/api/2.0/token/list", NOTHING)).isFalse();
        assertThat(pending.quiet()).isTrue();
    }

    @Test
    void eachRouteIsWaitedForAsLongAsItWasGiven() {
        pending.removed(TOKENS, PATIENCE);
        pending.removed(CONTEXT, Duration.ofSeconds(5));
        now.addAndGet(Duration.ofSeconds(6).toNanos());

        assertThat(pending.holds("/api/2.0/acme/ping", NOTHING)).isFalse();
        assertThat(pending.holds("/api/2.0/token/list", NOTHING)).isTrue();
    }

    @Test
    void whenItsBundleHasStartedWhatItDidNotBringBackIsGoneAfterTheGrace() {
        pending.removed(TOKENS, PATIENCE);
        pending.removed(new Route(Kind.PATTERN, null, "/api/2.0/other/*", 7), PATIENCE);
        pending.started(REST);

        now.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThat(pending.holds("/api/2.0/token/list", NOTHING)).isFalse();
        assertThat(pending.holds("/api/2.0/other/x", NOTHING)).isTrue();
    }

    @Test
    void whatAnUninstalledBundleTookAwayIsForgottenAtOnce() {
        pending.removed(TOKENS, PATIENCE);
        pending.uninstalled(REST);

        assertThat(pending.quiet()).isTrue();
        assertThat(pending.holds("/api/2.0/token/list", NOTHING)).isFalse();
    }

    @Test
    void patternsScoreAsTheServletSpecificationOrdersThem() {
        String path = "/api/2.0/clusters/spark-versions";

        assertThat(RoutePattern.score(path, path)).isGreaterThan(RoutePattern.score("/api/2.0/clusters/*", path));
        assertThat(RoutePattern.score("/api/2.0/clusters/*", path)).isGreaterThan(RoutePattern.score("/api/*", path));
        assertThat(RoutePattern.score("/api/*", path)).isGreaterThan(RoutePattern.score("*.json", path + ".json"));
        assertThat(RoutePattern.score("*.json", path + ".json")).isGreaterThan(RoutePattern.score("/", path));
        assertThat(RoutePattern.score("/", path)).isEqualTo(RoutePattern.DEFAULT);
        assertThat(RoutePattern.score("/api/2.0/token/*", path)).isEqualTo(RoutePattern.NO_MATCH);
        assertThat(RoutePattern.score("/api/2.0/clusters/*", "/api/2.0/clusters")).isPositive();
        assertThat(RoutePattern.score("/api/2.0/clusters/*", "/api/2.0/clustersx")).isEqualTo(RoutePattern.NO_MATCH);
    }
}
