package org.brickworks.runtimes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BundleRuntimeInstallerTest {

    @Test
    void aResolutionErrorBecomesOneLine() {
        assertThat(BundleRuntimeInstaller.oneLine("Could not resolve module: org.apache.commons.text [57]\n"
                + "  Unresolved requirement: Import-Package: org.apache.commons.lang3\n\n"))
                .isEqualTo("Could not resolve module: org.apache.commons.text [57]; "
                        + "Unresolved requirement: Import-Package: org.apache.commons.lang3");
        assertThat(BundleRuntimeInstaller.oneLine(null)).isEmpty();
    }
}
